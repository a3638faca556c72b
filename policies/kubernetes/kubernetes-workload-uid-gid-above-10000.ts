import { containersOf } from '../lib/k8s.js';
import { matches, type Matcher } from '../lib/matchers.js';
import { workloadPolicy } from '../lib/workload.js';

interface UidException extends Matcher {
  uid: number;
}

interface Config {
  minimumId: number;
  exceptions: UidException[];
}

/**
 * Keeps uids and gids out of the range host accounts use (kube-score user-group-id,
 * CKV_K8S_40, KSV-0020/0021). Both must be set, since the image's user is otherwise unknown.
 */
export const kubernetesWorkloadUidGidAbove10000 = workloadPolicy<Config>({
  name: 'kubernetes-workload-uid-gid-above-10000',
  description:
    'Every container runs with runAsUser and runAsGroup of at least 10000 (pod or container ' +
    'level), except configured images such as MongoDB and Redis at 999.',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  configSchema: {
    properties: {
      minimumId: { type: 'integer', description: 'Lowest uid and gid allowed.', default: 10000 },
      exceptions: {
        type: 'array',
        description: 'Containers allowed one lower uid and gid (regular expressions).',
        items: {
          type: 'object',
          properties: {
            image: { type: 'string' },
            name: { type: 'string' },
            uid: { type: 'integer' },
          },
          required: ['uid'],
        },
        default: [
          {
            image: '(^|/)(mongo|redis)([:@]|$)',
            name: '(^|-)(mongo|mongodb|redis)(-|$)',
            uid: 999,
          },
        ],
      },
    },
  },
  validate: ({ spec }, context, report) => {
    const { minimumId, exceptions } = context.config;
    const pod = spec.securityContext;
    for (const { container, label } of containersOf(spec)) {
      const candidate = { names: [container.name], image: () => container.image };
      const allowed = (id: number) =>
        id >= minimumId ||
        exceptions.some((exception) => exception.uid === id && matches(exception, candidate));
      const ids = {
        runAsUser: container.securityContext?.runAsUser ?? pod?.runAsUser,
        runAsGroup: container.securityContext?.runAsGroup ?? pod?.runAsGroup,
      };
      for (const [field, id] of Object.entries(ids)) {
        if (id === undefined) {
          report(`${label} has no ${field}; set it to at least ${minimumId}.`);
        } else if (!allowed(id)) {
          report(`${label} ${field} is ${id}; use at least ${minimumId}.`);
        }
      }
    }
  },
});
