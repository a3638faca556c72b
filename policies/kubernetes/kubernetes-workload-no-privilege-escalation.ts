import { containersOf } from '../lib/k8s.js';
import { workloadPolicy } from '../lib/workload.js';

/** Pod Security restricted "Privilege Escalation": must be set false explicitly. */
export const kubernetesWorkloadNoPrivilegeEscalation = workloadPolicy({
  name: 'kubernetes-workload-no-privilege-escalation',
  description:
    'Every container sets allowPrivilegeEscalation: false explicitly (Pod Security ' +
    'restricted; CKV_K8S_20).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: ({ spec }, _context, report) => {
    for (const { container, label } of containersOf(spec)) {
      if (container.securityContext?.allowPrivilegeEscalation !== false) {
        report(`${label} does not set allowPrivilegeEscalation: false; set it.`);
      }
    }
  },
});
