import { containerPolicy } from '../lib/docker.js';
import { SAFE_SYSCTLS } from '../lib/sysctls.js';

/** Sets only namespaced sysctls that cannot affect the host (Pod Security baseline list). */
export const dockerContainerSafeSysctls = containerPolicy({
  name: 'docker-container-safe-sysctls',
  description: 'Docker containers set only the sysctls Pod Security baseline calls safe.',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: (container, _context, report) => {
    for (const name of Object.keys(container.sysctls ?? {})) {
      if (!SAFE_SYSCTLS.includes(name)) {
        report(`sysctls sets ${name}; set only ${SAFE_SYSCTLS.join(', ')}.`);
      }
    }
  },
});
