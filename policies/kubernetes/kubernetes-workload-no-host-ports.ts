import { containersOf } from '../lib/k8s.js';
import { workloadPolicy } from '../lib/workload.js';

/** Pod Security baseline "Host Ports": traffic enters through the Service and Ingress. */
export const kubernetesWorkloadNoHostPorts = workloadPolicy({
  name: 'kubernetes-workload-no-host-ports',
  description: 'No container binds a host port (Pod Security baseline; CKV_K8S_26).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: ({ spec }, _context, report) => {
    for (const { container, label } of containersOf(spec)) {
      for (const port of container.ports ?? []) {
        if ((port.hostPort ?? 0) !== 0) {
          report(`${label} binds host port ${port.hostPort}; leave hostPort unset.`);
        }
      }
    }
  },
});
