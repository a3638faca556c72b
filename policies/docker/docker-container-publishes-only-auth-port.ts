import { containerPolicy } from '../lib/docker.js';

interface Config {
  allowedPorts: number[];
}

/** Publishes nothing but the auth service's port (CIS Docker 5.9: only needed ports). */
export const dockerContainerPublishesOnlyAuthPort = containerPolicy<Config>({
  name: 'docker-container-publishes-only-auth-port',
  description:
    "Docker containers publish no container port other than the auth service's 8089 " +
    '(CIS Docker 5.9).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  configSchema: {
    properties: {
      allowedPorts: {
        type: 'array',
        items: { type: 'integer' },
        description: 'Container ports that may be published.',
        default: [8089],
      },
    },
  },
  validate: (container, context, report) => {
    const allowed = context.config.allowedPorts;
    for (const port of container.ports ?? []) {
      if (!allowed.includes(port.internal)) {
        report(`container port ${port.internal} is published; publish only ${allowed.join(', ')}.`);
      }
    }
  },
});
