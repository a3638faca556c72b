/** Pulumi type tokens of the resources the pack inspects. */
export const TYPE = {
  dockerContainer: 'docker:index/container:Container',
  dockerImage: 'docker:index/image:Image',
  dockerRemoteImage: 'docker:index/remoteImage:RemoteImage',
  dockerNetwork: 'docker:index/network:Network',
  k8sNamespace: 'kubernetes:core/v1:Namespace',
  k8sService: 'kubernetes:core/v1:Service',
  k8sPod: 'kubernetes:core/v1:Pod',
  k8sDeployment: 'kubernetes:apps/v1:Deployment',
  k8sStatefulSet: 'kubernetes:apps/v1:StatefulSet',
  k8sDaemonSet: 'kubernetes:apps/v1:DaemonSet',
  k8sReplicaSet: 'kubernetes:apps/v1:ReplicaSet',
  k8sJob: 'kubernetes:batch/v1:Job',
  k8sCronJob: 'kubernetes:batch/v1:CronJob',
  k8sNetworkPolicy: 'kubernetes:networking.k8s.io/v1:NetworkPolicy',
  k8sPodDisruptionBudget: 'kubernetes:policy/v1:PodDisruptionBudget',
} as const;

/** Kubernetes resource types that run pods. */
export const WORKLOAD_TYPES: readonly string[] = [
  TYPE.k8sPod,
  TYPE.k8sDeployment,
  TYPE.k8sStatefulSet,
  TYPE.k8sDaemonSet,
  TYPE.k8sReplicaSet,
  TYPE.k8sJob,
  TYPE.k8sCronJob,
];

/** Workload types that keep pods running (and so need probes, replicas and budgets). */
export const LONG_RUNNING_TYPES: readonly string[] = [
  TYPE.k8sPod,
  TYPE.k8sDeployment,
  TYPE.k8sStatefulSet,
  TYPE.k8sDaemonSet,
  TYPE.k8sReplicaSet,
];

/** Workload types that should survive a node drain (replicas, budget, anti-affinity). */
export const REPLICATED_TYPES: readonly string[] = [TYPE.k8sDeployment, TYPE.k8sStatefulSet];
