import { containersOf } from '../lib/k8s.js';
import { workloadPolicy } from '../lib/workload.js';

/** Keeps the image immutable at run time (CKV_K8S_22, KSV-0014); /tmp comes from an emptyDir. */
export const kubernetesWorkloadReadOnlyRootFilesystem = workloadPolicy({
  name: 'kubernetes-workload-read-only-root-filesystem',
  description: 'Every container sets readOnlyRootFilesystem: true.',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: ({ spec }, _context, report) => {
    for (const { container, label, kind } of containersOf(spec)) {
      if (kind === 'ephemeralContainer') continue;
      if (container.securityContext?.readOnlyRootFilesystem !== true) {
        report(`${label} does not set readOnlyRootFilesystem: true; set it.`);
      }
    }
  },
});
