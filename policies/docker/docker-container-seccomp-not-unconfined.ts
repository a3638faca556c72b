import { containerPolicy, securityOptions } from '../lib/docker.js';

/** Keeps Docker's default seccomp profile (CIS Docker 5.22). */
export const dockerContainerSeccompNotUnconfined = containerPolicy({
  name: 'docker-container-seccomp-not-unconfined',
  description: 'Docker containers never run with seccomp unconfined (CIS Docker 5.22).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: (container, _context, report) => {
    for (const { key, value } of securityOptions(container)) {
      if (key === 'seccomp' && value === 'unconfined') {
        report('securityOpts sets seccomp unconfined; keep the default or a custom profile.');
      }
    }
  },
});
