import type * as docker from '@pulumi/docker';
import type * as k8s from '@pulumi/kubernetes';
import type { Unwrap } from '@pulumi/pulumi';

/** The inputs of a `docker.Container` as a policy sees them: plain values, no Outputs. */
export type ContainerProps = Unwrap<docker.ContainerArgs>;

/** The inputs of a `docker.Image` (the v4 build-and-push resource). */
export type ImageProps = Unwrap<docker.ImageArgs>;

/** The inputs of a `docker.RemoteImage` (pull, or build through the Terraform provider). */
export type RemoteImageProps = Unwrap<docker.RemoteImageArgs>;

/** The inputs of a `docker.Network`. */
export type NetworkProps = Unwrap<docker.NetworkArgs>;

/** A Kubernetes pod spec. */
export type PodSpec = Unwrap<k8s.types.input.core.v1.PodSpec>;

/** One container of a pod spec (regular, init or ephemeral). */
export type K8sContainer = Unwrap<k8s.types.input.core.v1.Container>;

/** A container-level security context. */
export type SecurityContext = Unwrap<k8s.types.input.core.v1.SecurityContext>;

/** A pod-level security context. */
export type PodSecurityContext = Unwrap<k8s.types.input.core.v1.PodSecurityContext>;

/** Object metadata of any Kubernetes resource. */
export type ObjectMeta = Unwrap<k8s.types.input.meta.v1.ObjectMeta>;

/** A label selector (`matchLabels` and `matchExpressions`). */
export type LabelSelector = Unwrap<k8s.types.input.meta.v1.LabelSelector>;

/** The inputs of a `NetworkPolicy`. */
export type NetworkPolicyProps = Unwrap<k8s.networking.v1.NetworkPolicyArgs>;

/** The inputs of a `Service`. */
export type ServiceProps = Unwrap<k8s.core.v1.ServiceArgs>;

/** The inputs of a `PodDisruptionBudget`. */
export type PodDisruptionBudgetProps = Unwrap<k8s.policy.v1.PodDisruptionBudgetArgs>;

/** The inputs of a `Namespace`. */
export type NamespaceProps = Unwrap<k8s.core.v1.NamespaceArgs>;
