import { containersOf } from '../lib/k8s.js';
import { workloadPolicy } from '../lib/workload.js';

/** Pod Security baseline "HostProcess". */
export const kubernetesWorkloadNoHostProcess = workloadPolicy({
  name: 'kubernetes-workload-no-host-process',
  description: 'No pod or container is a Windows HostProcess (Pod Security baseline).',
  enforcementLevel: 'mandatory',
  severity: 'critical',
  validate: ({ spec }, _context, report) => {
    if (spec.securityContext?.windowsOptions?.hostProcess === true) {
      report('the pod sets windowsOptions.hostProcess: true; leave it unset or false.');
    }
    for (const { container, label } of containersOf(spec)) {
      if (container.securityContext?.windowsOptions?.hostProcess === true) {
        report(`${label} sets windowsOptions.hostProcess: true; leave it unset or false.`);
      }
    }
  },
});
