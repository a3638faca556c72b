import { workloadPolicy } from '../lib/workload.js';

/** Keeps API credentials out of pods that never call the API (CKV_K8S_38, KSV-0036). */
export const kubernetesWorkloadNoServiceAccountToken = workloadPolicy({
  name: 'kubernetes-workload-no-service-account-token',
  description: 'Pods set automountServiceAccountToken: false.',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: ({ spec }, _context, report) => {
    if (spec.automountServiceAccountToken !== false) {
      report('the pod may mount a service-account token; set automountServiceAccountToken: false.');
    }
  },
});
