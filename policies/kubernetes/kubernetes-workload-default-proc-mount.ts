import { containersOf } from '../lib/k8s.js';
import { workloadPolicy } from '../lib/workload.js';

/** Pod Security baseline "/proc Mount Type": keep /proc masked. */
export const kubernetesWorkloadDefaultProcMount = workloadPolicy({
  name: 'kubernetes-workload-default-proc-mount',
  description: 'Containers keep the Default /proc mount (Pod Security baseline).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: ({ spec }, _context, report) => {
    for (const { container, label } of containersOf(spec)) {
      const procMount = container.securityContext?.procMount;
      if (procMount !== undefined && procMount !== 'Default') {
        report(`${label} sets procMount ${procMount}; leave it unset or Default.`);
      }
    }
  },
});
