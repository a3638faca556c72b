import { containersOf } from '../lib/k8s.js';
import { workloadPolicy } from '../lib/workload.js';

/** The optional Pod Security "Non-root groups" control (Trivy KSV-0116). */
export const kubernetesWorkloadNonRootGroups = workloadPolicy({
  name: 'kubernetes-workload-non-root-groups',
  description:
    'runAsGroup, fsGroup and supplementalGroups are never 0 (Kyverno require-non-root-groups).',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: ({ spec }, _context, report) => {
    const pod = spec.securityContext;
    if (pod?.runAsGroup === 0) report('the pod sets runAsGroup: 0; use a non-zero gid.');
    if (pod?.fsGroup === 0) report('the pod sets fsGroup: 0; use a non-zero gid.');
    if ((pod?.supplementalGroups ?? []).includes(0)) {
      report('the pod lists 0 in supplementalGroups; remove it.');
    }
    for (const { container, label } of containersOf(spec)) {
      if (container.securityContext?.runAsGroup === 0) {
        report(`${label} sets runAsGroup: 0; use a non-zero gid.`);
      }
    }
  },
});
