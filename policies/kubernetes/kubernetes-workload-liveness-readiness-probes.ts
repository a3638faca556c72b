import { forbiddenProgram } from '../lib/commands.js';
import { mainContainersOf } from '../lib/k8s.js';
import { LONG_RUNNING_TYPES } from '../lib/type-tokens.js';
import { workloadPolicy } from '../lib/workload.js';

const PROBES = ['livenessProbe', 'readinessProbe'] as const;

/** Lets Kubernetes restart a hung pod and route around a starting one (CKV_K8S_8/9). */
export const kubernetesWorkloadLivenessReadinessProbes = workloadPolicy({
  name: 'kubernetes-workload-liveness-readiness-probes',
  description:
    'Every container of a long-running workload has a liveness and a readiness probe; exec ' +
    'probes run no shell, curl or wget.',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  types: LONG_RUNNING_TYPES,
  validate: ({ spec }, _context, report) => {
    for (const { container, label } of mainContainersOf(spec)) {
      for (const probe of [...PROBES, 'startupProbe' as const]) {
        const handler = container[probe];
        if (handler === undefined) {
          if (probe !== 'startupProbe') report(`${label} has no ${probe}; add one.`);
          continue;
        }
        const program = forbiddenProgram(handler.exec?.command ?? []);
        if (program !== undefined) {
          report(
            `${label} ${probe} runs ${program}; probe with httpGet or the image's own program.`,
          );
        }
      }
    }
  },
});
