import type { PolicyResource } from '@pulumi/policy';

import { stackPolicy } from '../lib/define.js';
import {
  DATASTORES,
  isDatastore,
  matchesAny,
  matcherListSchema,
  SERVICE,
  type Candidate,
  type Matcher,
} from '../lib/matchers.js';
import { TYPE } from '../lib/type-tokens.js';
import type { ContainerProps, NetworkProps } from '../lib/types.js';

interface Config {
  datastores: Matcher[];
  clients: Matcher[];
}

function candidate(container: PolicyResource): Candidate {
  const props = container.props as ContainerProps;
  return { names: [container.name, props.name], image: () => props.image };
}

function networksOf(container: PolicyResource): string[] {
  return ((container.props as ContainerProps).networksAdvanced ?? []).map((n) => n.name);
}

/**
 * Keeps MongoDB and Redis reachable only from the auth service: they sit on internal networks
 * (no route out, no published ports), and nothing but datastores and the service joins those.
 */
export const dockerNetworkDatastoresIsolated = stackPolicy<Config>({
  name: 'docker-network-datastores-isolated',
  description:
    'Datastore containers join only internal docker networks of the stack, and the only ' +
    'other containers on those networks are the auth service.',
  enforcementLevel: 'mandatory',
  severity: 'high',
  configSchema: {
    properties: {
      datastores: matcherListSchema('Which containers are datastores.', DATASTORES),
      clients: matcherListSchema('Containers allowed to reach the datastores.', SERVICE),
    },
  },
  validate: ({ config, resources }, report) => {
    const containers = resources.filter((resource) => resource.type === TYPE.dockerContainer);
    const networks = resources.filter((resource) => resource.type === TYPE.dockerNetwork);
    const networkNamed = (name: string) =>
      networks.find((n) => n.name === name || (n.props as NetworkProps).name === name);

    const datastores = containers.filter((c) =>
      isDatastore(config.datastores, config.clients, candidate(c)),
    );
    const intruders = new Set<string>();
    for (const datastore of datastores) {
      const joined = networksOf(datastore);
      if (joined.length === 0) {
        report(
          `datastore ${datastore.name} joins no network of the stack; join an internal one.`,
          datastore.urn,
        );
      }
      for (const name of joined) {
        const network = networkNamed(name);
        if (network === undefined || (network.props as NetworkProps).internal !== true) {
          report(
            `datastore ${datastore.name} joins network ${name}, which is not an internal ` +
              'network of this stack; join only networks declared with internal: true.',
            datastore.urn,
          );
          continue;
        }
        for (const other of containers) {
          if (other === datastore || datastores.includes(other)) continue;
          if (!networksOf(other).includes(name)) continue;
          if (intruders.has(`${other.urn} ${name}`)) continue;
          if (!matchesAny(config.clients, candidate(other))) {
            intruders.add(`${other.urn} ${name}`);
            report(
              `container ${other.name} shares network ${name} with datastore ` +
                `${datastore.name}; only the auth service may reach a datastore.`,
              other.urn,
            );
          }
        }
      }
    }
  },
});
