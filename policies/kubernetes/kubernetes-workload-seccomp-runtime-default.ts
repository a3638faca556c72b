import { containersOf } from '../lib/k8s.js';
import { workloadPolicy } from '../lib/workload.js';

const ALLOWED = ['RuntimeDefault', 'Localhost'];

/** Pod Security restricted "Seccomp": a profile must be set, and never Unconfined. */
export const kubernetesWorkloadSeccompRuntimeDefault = workloadPolicy({
  name: 'kubernetes-workload-seccomp-runtime-default',
  description:
    'Every container runs under the RuntimeDefault or a Localhost seccomp profile, set on the ' +
    'pod or the container; never Unconfined (Pod Security restricted).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: ({ spec }, _context, report) => {
    const podType = spec.securityContext?.seccompProfile?.type;
    if (podType !== undefined && !ALLOWED.includes(podType)) {
      report(`the pod's seccompProfile is ${podType}; use RuntimeDefault.`);
    }
    for (const { container, label } of containersOf(spec)) {
      const own = container.securityContext?.seccompProfile?.type;
      const type = own ?? podType;
      if (type === undefined) {
        report(`${label} has no seccomp profile; set seccompProfile.type: RuntimeDefault.`);
      } else if (own !== undefined && !ALLOWED.includes(own)) {
        report(`${label} seccompProfile is ${own}; use RuntimeDefault.`);
      }
    }
  },
});
