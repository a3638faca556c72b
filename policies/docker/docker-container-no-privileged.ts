import { containerPolicy } from '../lib/docker.js';

/** Refuses privileged containers (CIS Docker 5.5). */
export const dockerContainerNoPrivileged = containerPolicy({
  name: 'docker-container-no-privileged',
  description: 'Docker containers never run privileged (CIS Docker 5.5).',
  enforcementLevel: 'mandatory',
  severity: 'critical',
  validate: (container, _context, report) => {
    if (container.privileged === true) {
      report(
        'privileged is true; the container must run unprivileged (privileged unset or false).',
      );
    }
  },
});
