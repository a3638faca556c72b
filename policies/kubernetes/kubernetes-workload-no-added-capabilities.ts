import { containersOf } from '../lib/k8s.js';
import { workloadPolicy } from '../lib/workload.js';

/**
 * Adds nothing back. Pod Security restricted tolerates NET_BIND_SERVICE, but every port here is
 * above 1024, so the pack allows none.
 */
export const kubernetesWorkloadNoAddedCapabilities = workloadPolicy({
  name: 'kubernetes-workload-no-added-capabilities',
  description:
    'No container adds a capability (stricter than Pod Security restricted, which allows ' +
    'NET_BIND_SERVICE; CKV_K8S_25).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: ({ spec }, _context, report) => {
    for (const { container, label } of containersOf(spec)) {
      const add = container.securityContext?.capabilities?.add ?? [];
      if (add.length > 0) report(`${label} adds capabilities [${add.join(', ')}]; add none.`);
    }
  },
});
