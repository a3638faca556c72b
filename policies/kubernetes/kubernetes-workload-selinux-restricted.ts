import { containersOf } from '../lib/k8s.js';
import type { PodSecurityContext } from '../lib/types.js';
import { workloadPolicy } from '../lib/workload.js';

const ALLOWED_TYPES = [
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
];

function problems(options: PodSecurityContext['seLinuxOptions']): string[] {
  if (options === undefined) return [];
  const found: string[] = [];
  if (options.type !== undefined && !ALLOWED_TYPES.includes(options.type)) {
    found.push(`type ${options.type}`);
  }
  if ((options.user ?? '') !== '') found.push(`user ${options.user}`);
  if ((options.role ?? '') !== '') found.push(`role ${options.role}`);
  return found;
}

/** Pod Security baseline "SELinux". */
export const kubernetesWorkloadSelinuxRestricted = workloadPolicy({
  name: 'kubernetes-workload-selinux-restricted',
  description:
    'SELinux options set no custom user or role and only container_* types (Pod Security ' +
    'baseline).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: ({ spec }, _context, report) => {
    for (const problem of problems(spec.securityContext?.seLinuxOptions)) {
      report(
        `the pod sets seLinuxOptions ${problem}; leave user and role unset, type container_t.`,
      );
    }
    for (const { container, label } of containersOf(spec)) {
      for (const problem of problems(container.securityContext?.seLinuxOptions)) {
        report(
          `${label} sets seLinuxOptions ${problem}; leave user and role unset, type container_t.`,
        );
      }
    }
  },
});
