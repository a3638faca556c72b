import { containersOf } from '../lib/k8s.js';
import { workloadPolicy } from '../lib/workload.js';

/** Pod Security restricted "Running as Non-root" and "Running as Non-root user". */
export const kubernetesWorkloadRunAsNonRoot = workloadPolicy({
  name: 'kubernetes-workload-run-as-non-root',
  description:
    'Every container runs with runAsNonRoot: true (pod or container level) and no runAsUser ' +
    '0 (Pod Security restricted).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: ({ spec }, _context, report) => {
    const pod = spec.securityContext;
    if (pod?.runAsUser === 0) report('the pod sets runAsUser: 0; use a non-zero uid.');
    for (const { container, label } of containersOf(spec)) {
      const own = container.securityContext;
      const nonRoot = own?.runAsNonRoot ?? pod?.runAsNonRoot;
      if (nonRoot !== true) {
        report(`${label} may run as root; set runAsNonRoot: true on the pod or the container.`);
      }
      if (own?.runAsUser === 0) report(`${label} sets runAsUser: 0; use a non-zero uid.`);
    }
  },
});
