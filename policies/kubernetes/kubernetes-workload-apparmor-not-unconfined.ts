import { containersOf } from '../lib/k8s.js';
import { workloadPolicy } from '../lib/workload.js';

const ALLOWED_TYPES = ['RuntimeDefault', 'Localhost'];
const ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

/** Pod Security baseline "AppArmor". */
export const kubernetesWorkloadApparmorNotUnconfined = workloadPolicy({
  name: 'kubernetes-workload-apparmor-not-unconfined',
  description:
    'AppArmor profiles are RuntimeDefault or Localhost when set, never Unconfined (Pod ' +
    'Security baseline).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: ({ spec, annotations }, _context, report) => {
    const podType = spec.securityContext?.appArmorProfile?.type;
    if (podType !== undefined && !ALLOWED_TYPES.includes(podType)) {
      report(`the pod's appArmorProfile is ${podType}; use RuntimeDefault or Localhost.`);
    }
    for (const { container, label } of containersOf(spec)) {
      const type = container.securityContext?.appArmorProfile?.type;
      if (type !== undefined && !ALLOWED_TYPES.includes(type)) {
        report(`${label} appArmorProfile is ${type}; use RuntimeDefault or Localhost.`);
      }
    }
    for (const [key, value] of Object.entries(annotations)) {
      if (
        key.startsWith(ANNOTATION) &&
        value !== 'runtime/default' &&
        !value.startsWith('localhost/')
      ) {
        report(`annotation ${key} is ${value}; use runtime/default or localhost/<profile>.`);
      }
    }
  },
});
