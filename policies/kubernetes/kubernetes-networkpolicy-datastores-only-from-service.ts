import { stackPolicy } from '../lib/define.js';
import { networkPoliciesOf, workloadsOf, type StackWorkload } from '../lib/k8s-stack.js';
import {
  DATASTORES,
  isDatastore,
  matchesAny,
  matcherListSchema,
  SERVICE,
  type Matcher,
} from '../lib/matchers.js';
import { selects, selectsEverything } from '../lib/selectors.js';

interface Config {
  datastores: Matcher[];
  clients: Matcher[];
}

function candidate(workload: StackWorkload) {
  const names = [
    workload.resource.name,
    workload.id,
    workload.pod.labels['app.kubernetes.io/name'],
  ];
  // Read only when the names do not decide: images are often unknown during a preview.
  const image = () => workload.pod.spec.containers.map((c) => c.image ?? '').join(' ');
  return { names, image };
}

/**
 * Lets only the auth service reach MongoDB and Redis: each datastore sits under an ingress
 * policy, and every rule admitting traffic to it names ports and same-namespace pods that are
 * all the service's.
 */
export const kubernetesNetworkpolicyDatastoresOnlyFromService = stackPolicy<Config>({
  name: 'kubernetes-networkpolicy-datastores-only-from-service',
  description:
    'Datastore workloads (MongoDB, Redis) admit ingress only from the auth service pods, on ' +
    'named ports, through NetworkPolicies of their namespace.',
  enforcementLevel: 'mandatory',
  severity: 'critical',
  configSchema: {
    properties: {
      datastores: matcherListSchema('Which workloads are datastores.', DATASTORES),
      clients: matcherListSchema('Workloads allowed to reach the datastores.', SERVICE),
    },
  },
  validate: ({ config, resources }, report) => {
    const workloads = workloadsOf(resources);
    const policies = networkPoliciesOf(resources);
    const isClient = (w: StackWorkload) => matchesAny(config.clients, candidate(w));

    const stores = workloads.filter((w) =>
      isDatastore(config.datastores, config.clients, candidate(w)),
    );
    for (const store of stores) {
      const guarding = policies.filter(
        (p) =>
          p.ingress &&
          p.namespace === store.namespace &&
          selects(p.spec.podSelector, store.pod.labels),
      );
      const fail = (why: string) => report(`${store.id} ${why}`, store.resource.urn);
      if (guarding.length === 0) fail('is under no ingress NetworkPolicy; add a default deny.');

      for (const policy of guarding) {
        const where = `through NetworkPolicy ${policy.resource.name}`;
        for (const rule of policy.spec.ingress ?? []) {
          const peers = rule.from ?? [];
          if (peers.length === 0) fail(`admits every source ${where}; name the service's pods.`);
          if ((rule.ports ?? []).length === 0) fail(`admits every port ${where}; name its port.`);
          for (const peer of peers) {
            if (peer.ipBlock !== undefined || peer.namespaceSelector !== undefined) {
              fail(
                `admits an ipBlock or other namespaces ${where}; allow only the service's pods.`,
              );
              continue;
            }
            const selector = peer.podSelector ?? {};
            const admitted = workloads.filter(
              (w) => w.namespace === store.namespace && selects(selector, w.pod.labels),
            );
            const strangers = admitted.filter((w) => !isClient(w));
            if (selectsEverything(selector) || admitted.length === 0 || strangers.length > 0) {
              const who = strangers.map((w) => w.id).join(', ') || 'no service pod';
              fail(`admits ${who} ${where}; select only the auth service's pods.`);
            }
          }
        }
      }
    }
  },
});
