import { stackPolicy } from '../lib/define.js';
import { namespaceOf } from '../lib/k8s.js';
import { workloadsOf } from '../lib/k8s-stack.js';
import { selects } from '../lib/selectors.js';
import { REPLICATED_TYPES, TYPE } from '../lib/type-tokens.js';
import type { PodDisruptionBudgetProps } from '../lib/types.js';

/** Keeps drains from taking every replica at once (kube-score *-has-poddisruptionbudget). */
export const kubernetesWorkloadPodDisruptionBudget = stackPolicy({
  name: 'kubernetes-workload-pod-disruption-budget',
  description: 'Every Deployment and StatefulSet is covered by a PodDisruptionBudget.',
  enforcementLevel: 'advisory',
  severity: 'low',
  validate: ({ resources }, report) => {
    const budgets = resources.filter((r) => r.type === TYPE.k8sPodDisruptionBudget);
    for (const workload of workloadsOf(resources)) {
      if (!REPLICATED_TYPES.includes(workload.resource.type)) continue;
      const covered = budgets.some((budget) => {
        const selector = (budget.props as PodDisruptionBudgetProps).spec?.selector;
        // policy/v1: a PodDisruptionBudget without a selector selects no pods.
        return (
          selector !== undefined &&
          namespaceOf(budget.props) === workload.namespace &&
          selects(selector, workload.pod.labels)
        );
      });
      if (!covered) {
        report(`${workload.id} has no PodDisruptionBudget; add one.`, workload.resource.urn);
      }
    }
  },
});
