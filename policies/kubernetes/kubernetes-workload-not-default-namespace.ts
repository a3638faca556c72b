import { resourcePolicy } from '../lib/define.js';
import { namespaceOf } from '../lib/k8s.js';
import { TYPE, WORKLOAD_TYPES } from '../lib/type-tokens.js';

const NAMESPACED: readonly string[] = [
  ...WORKLOAD_TYPES,
  TYPE.k8sService,
  TYPE.k8sNetworkPolicy,
  TYPE.k8sPodDisruptionBudget,
  'kubernetes:core/v1:Secret',
  'kubernetes:core/v1:ConfigMap',
  'kubernetes:core/v1:ServiceAccount',
  'kubernetes:core/v1:PersistentVolumeClaim',
  'kubernetes:networking.k8s.io/v1:Ingress',
  'kubernetes:autoscaling/v2:HorizontalPodAutoscaler',
];

/** Keeps the app in its own namespace, where its Pod Security label applies (CKV_K8S_21). */
export const kubernetesWorkloadNotDefaultNamespace = resourcePolicy({
  name: 'kubernetes-workload-not-default-namespace',
  description: "Workloads and the objects around them live in a named namespace, never 'default'.",
  enforcementLevel: 'mandatory',
  severity: 'medium',
  types: NAMESPACED,
  validate: (props, _context, report) => {
    if (namespaceOf(props) === 'default') {
      report("metadata.namespace is unset or 'default'; put it in the app's namespace.");
    }
  },
});
