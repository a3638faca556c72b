import { containersOf } from '../lib/k8s.js';
import { workloadPolicy } from '../lib/workload.js';

/** Pod Security restricted "Capabilities": drop must include ALL. */
export const kubernetesWorkloadDropAllCapabilities = workloadPolicy({
  name: 'kubernetes-workload-drop-all-capabilities',
  description: 'Every container drops ALL capabilities (Pod Security restricted; CKV_K8S_37).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: ({ spec }, _context, report) => {
    for (const { container, label } of containersOf(spec)) {
      const drop = container.securityContext?.capabilities?.drop ?? [];
      if (!drop.includes('ALL')) report(`${label} does not drop ALL capabilities; drop ALL.`);
    }
  },
});
