import { containerCandidate, containerPolicy } from '../lib/docker.js';
import {
  DATASTORES,
  isDatastore,
  matcherListSchema,
  SERVICE,
  type Matcher,
} from '../lib/matchers.js';

interface Config {
  datastores: Matcher[];
  clients: Matcher[];
}

/** Keeps MongoDB and Redis on the internal network, reachable only by other containers. */
export const dockerContainerDatastorePublishesNothing = containerPolicy<Config>({
  name: 'docker-container-datastore-publishes-nothing',
  description: 'Datastore containers (MongoDB, Redis) publish no ports to the host.',
  enforcementLevel: 'mandatory',
  severity: 'critical',
  configSchema: {
    properties: {
      datastores: matcherListSchema('Which containers are datastores.', DATASTORES),
      clients: matcherListSchema('Containers known by name not to be datastores.', SERVICE),
    },
  },
  validate: (container, context, report) => {
    const ports = container.ports ?? [];
    if (ports.length === 0 && container.publishAllPorts !== true) return;
    const { datastores, clients } = context.config;
    if (!isDatastore(datastores, clients, containerCandidate(container, context))) return;

    const published = ports.map((port) => port.internal).join(', ');
    report(
      `datastore publishes ${published === '' ? 'all its ports' : `port ${published}`}; a ` +
        'datastore publishes nothing and is reached over the internal network.',
    );
  },
});
