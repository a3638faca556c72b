import { containerPolicy } from '../lib/docker.js';

/** Starts containers with no Linux capabilities (CIS Docker 5.4). */
export const dockerContainerDropAllCapabilities = containerPolicy({
  name: 'docker-container-drop-all-capabilities',
  description: 'Docker containers drop all Linux capabilities (CIS Docker 5.4).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: (container, _context, report) => {
    const drops = container.capabilities?.drops ?? [];
    if (!drops.some((capability) => capability.toUpperCase() === 'ALL')) {
      report('capabilities.drops does not include ALL; drop ALL capabilities.');
    }
  },
});
