import { REPLICATED_TYPES } from '../lib/type-tokens.js';
import { workloadPolicy } from '../lib/workload.js';

/** Spreads replicas over nodes (kube-score *-has-host-podantiaffinity); advisory on one Pi. */
export const kubernetesWorkloadPodAntiAffinity = workloadPolicy({
  name: 'kubernetes-workload-pod-anti-affinity',
  description:
    'Deployments and StatefulSets spread their pods over nodes with pod anti-affinity or a ' +
    'topology spread constraint.',
  enforcementLevel: 'advisory',
  severity: 'low',
  types: REPLICATED_TYPES,
  validate: ({ spec }, _context, report) => {
    const antiAffinity = spec.affinity?.podAntiAffinity;
    const spread = spec.topologySpreadConstraints ?? [];
    if (antiAffinity === undefined && spread.length === 0) {
      report('pods are not spread over nodes; add podAntiAffinity or topologySpreadConstraints.');
    }
  },
});
