import { containerPolicy } from '../lib/docker.js';

/** Runs an init as PID 1 so zombies are reaped and signals reach Node. */
export const dockerContainerInitProcess = containerPolicy({
  name: 'docker-container-init-process',
  description: 'Docker containers run with init: true (tini as PID 1).',
  enforcementLevel: 'advisory',
  severity: 'low',
  validate: (container, _context, report) => {
    if (container.init !== true) report('init is not true; set init: true.');
  },
});
