import { workloadPolicy } from '../lib/workload.js';

/** Gives each workload its own identity rather than the namespace's default (CKV_K8S_41). */
export const kubernetesWorkloadDedicatedServiceAccount = workloadPolicy({
  name: 'kubernetes-workload-dedicated-service-account',
  description: "Pods run under a named service account, not the namespace's 'default'.",
  enforcementLevel: 'mandatory',
  severity: 'low',
  validate: ({ spec }, _context, report) => {
    const account = spec.serviceAccountName ?? 'default';
    if (account === 'default') {
      report("the pod runs as service account 'default'; set serviceAccountName.");
    }
  },
});
