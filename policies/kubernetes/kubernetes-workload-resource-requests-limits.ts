import { containersOf } from '../lib/k8s.js';
import { workloadPolicy } from '../lib/workload.js';

const REQUIRED = [
  ['requests', 'cpu'],
  ['requests', 'memory'],
  ['limits', 'cpu'],
  ['limits', 'memory'],
] as const;

/** Sizes every container so the scheduler and the OOM killer behave (CKV_K8S_10-13). */
export const kubernetesWorkloadResourceRequestsLimits = workloadPolicy({
  name: 'kubernetes-workload-resource-requests-limits',
  description: 'Every container sets CPU and memory requests and limits (kube-score, Polaris).',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: ({ spec }, _context, report) => {
    for (const { container, label, kind } of containersOf(spec)) {
      if (kind === 'ephemeralContainer') continue;
      const resources = container.resources;
      for (const [section, resource] of REQUIRED) {
        if (resources?.[section]?.[resource] === undefined) {
          report(`${label} has no ${section}.${resource}; set it.`);
        }
      }
    }
  },
});
