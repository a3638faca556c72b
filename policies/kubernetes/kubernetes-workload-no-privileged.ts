import { containersOf } from '../lib/k8s.js';
import { workloadPolicy } from '../lib/workload.js';

/** Pod Security baseline "Privileged Containers". */
export const kubernetesWorkloadNoPrivileged = workloadPolicy({
  name: 'kubernetes-workload-no-privileged',
  description: 'No container runs privileged (Pod Security baseline; CKV_K8S_16).',
  enforcementLevel: 'mandatory',
  severity: 'critical',
  validate: ({ spec }, _context, report) => {
    for (const { container, label } of containersOf(spec)) {
      if (container.securityContext?.privileged === true) {
        report(`${label} sets privileged: true; leave it unset or false.`);
      }
    }
  },
});
