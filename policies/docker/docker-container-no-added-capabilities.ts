import { containerPolicy } from '../lib/docker.js';

/** Adds no capability back: port 8089 needs none, and the datastores run as their own uid. */
export const dockerContainerNoAddedCapabilities = containerPolicy({
  name: 'docker-container-no-added-capabilities',
  description: 'Docker containers add no Linux capabilities (CIS Docker 5.4, Polaris).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: (container, _context, report) => {
    const adds = container.capabilities?.adds ?? [];
    if (adds.length > 0) {
      report(`capabilities.adds is [${adds.join(', ')}]; add no capabilities.`);
    }
  },
});
