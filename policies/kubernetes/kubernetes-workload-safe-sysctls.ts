import { SAFE_SYSCTLS } from '../lib/sysctls.js';
import { workloadPolicy } from '../lib/workload.js';

/** Pod Security baseline "Sysctls". */
export const kubernetesWorkloadSafeSysctls = workloadPolicy({
  name: 'kubernetes-workload-safe-sysctls',
  description: 'Pods set only the sysctls Pod Security baseline calls safe.',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: ({ spec }, _context, report) => {
    for (const { name } of spec.securityContext?.sysctls ?? []) {
      if (!SAFE_SYSCTLS.includes(name)) report(`the pod sets sysctl ${name}; set only safe ones.`);
    }
  },
});
