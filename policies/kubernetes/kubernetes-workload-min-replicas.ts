import { REPLICATED_TYPES } from '../lib/type-tokens.js';
import { resourcePolicy } from '../lib/define.js';

interface Config {
  minimumReplicas: number;
}

/** Survives one pod's loss (kube-score deployment-replicas); advisory on a single Pi. */
export const kubernetesWorkloadMinReplicas = resourcePolicy<
  { spec?: { replicas?: number } },
  Config
>({
  name: 'kubernetes-workload-min-replicas',
  description: 'Deployments and StatefulSets run at least two replicas.',
  enforcementLevel: 'advisory',
  severity: 'low',
  types: REPLICATED_TYPES,
  configSchema: {
    properties: {
      minimumReplicas: { type: 'integer', description: 'Fewest replicas.', default: 2 },
    },
  },
  validate: (workload, context, report) => {
    const replicas = workload.spec?.replicas ?? 1;
    const minimum = context.config.minimumReplicas;
    if (replicas < minimum) report(`replicas is ${replicas}; run at least ${minimum}.`);
  },
});
