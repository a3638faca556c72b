import { containerPolicy, securityOptions } from '../lib/docker.js';

/** Blocks setuid escalation inside the container (CIS Docker 5.26). */
export const dockerContainerNoNewPrivileges = containerPolicy({
  name: 'docker-container-no-new-privileges',
  description: 'Docker containers set the no-new-privileges security option (CIS Docker 5.26).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: (container, _context, report) => {
    const option = securityOptions(container).find(({ key }) => key === 'no-new-privileges');
    if (option === undefined || !['', 'true'].includes(option.value)) {
      report("securityOpts lacks 'no-new-privileges:true'; add it.");
    }
  },
});
