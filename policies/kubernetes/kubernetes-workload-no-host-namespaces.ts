import { workloadPolicy } from '../lib/workload.js';

const HOST_FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

/** Pod Security baseline "Host Namespaces". */
export const kubernetesWorkloadNoHostNamespaces = workloadPolicy({
  name: 'kubernetes-workload-no-host-namespaces',
  description:
    "Pods share none of the node's network, PID or IPC namespaces (Pod Security baseline; " +
    'CKV_K8S_17-19).',
  enforcementLevel: 'mandatory',
  severity: 'critical',
  validate: ({ spec }, _context, report) => {
    for (const field of HOST_FIELDS) {
      if (spec[field] === true) report(`spec.${field} is true; leave it unset or false.`);
    }
  },
});
