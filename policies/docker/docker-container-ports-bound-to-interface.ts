import { containerPolicy } from '../lib/docker.js';

const WILDCARD = new Set(['', '0.0.0.0', '::', '[::]']);

/** Publishes ports on one interface only, above the privileged range (CIS Docker 5.8, 5.14). */
export const dockerContainerPortsBoundToInterface = containerPolicy({
  name: 'docker-container-ports-bound-to-interface',
  description:
    'Docker containers publish ports only on a specific host address (never 0.0.0.0 or ::), ' +
    'on host ports >= 1024, and never with publishAllPorts (CIS Docker 5.8, 5.14).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: (container, _context, report) => {
    if (container.publishAllPorts === true) {
      report('publishAllPorts is true; publish each port explicitly on one interface.');
    }
    for (const port of container.ports ?? []) {
      const ip = port.ip ?? '';
      if (WILDCARD.has(ip)) {
        report(
          `port ${port.internal} is published on ${ip === '' ? 'every interface' : ip}; ` +
            'set ports[].ip to the one host address that should serve it.',
        );
      }
      if (port.external !== undefined && port.external < 1024) {
        report(`port ${port.internal} is published on host port ${port.external}; use >= 1024.`);
      }
    }
  },
});
