import { stackPolicy } from '../lib/define.js';
import { networkPoliciesOf, workloadsOf } from '../lib/k8s-stack.js';
import { selects } from '../lib/selectors.js';

/**
 * Puts every pod under a NetworkPolicy for both directions, so the deny-by-default rules
 * apply to it (kube-score pod-networkpolicy, CKV2_K8S_6, Polaris missingNetworkPolicy).
 */
export const kubernetesNetworkpolicySelectsEveryWorkload = stackPolicy({
  name: 'kubernetes-networkpolicy-selects-every-workload',
  description:
    'Every workload of the stack is selected by a NetworkPolicy of its namespace for ingress ' +
    'and by one for egress.',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: ({ resources }, report) => {
    const policies = networkPoliciesOf(resources);
    for (const workload of workloadsOf(resources)) {
      const covering = policies.filter(
        (policy) =>
          policy.namespace === workload.namespace &&
          selects(policy.spec.podSelector, workload.pod.labels),
      );
      for (const direction of ['ingress', 'egress'] as const) {
        if (!covering.some((policy) => policy[direction])) {
          report(
            `${workload.id} is selected by no NetworkPolicy for ${direction}; add a ` +
              'default-deny policy (podSelector: {}) and allow only what it needs.',
            workload.resource.urn,
          );
        }
      }
    }
  },
});
