import type { PolicyResource } from '@pulumi/policy';

import { namespaceOf, objectName, podOf, type PodView } from './k8s.js';
import { TYPE, WORKLOAD_TYPES } from './type-tokens.js';
import type { NetworkPolicyProps } from './types.js';

/** A workload of the stack with what stack checks compare it on. */
export interface StackWorkload {
  resource: PolicyResource;
  /** `Kind namespace/name`, for messages. */
  id: string;
  namespace: string;
  pod: PodView;
}

/** Every pod-running resource of the stack. */
export function workloadsOf(resources: PolicyResource[]): StackWorkload[] {
  return resources.flatMap((resource) => {
    if (!WORKLOAD_TYPES.includes(resource.type)) return [];
    const pod = podOf(resource.type, resource.props);
    if (pod === undefined) return [];
    const namespace = namespaceOf(resource.props);
    const kind = resource.type.slice(resource.type.lastIndexOf(':') + 1);
    const id = `${kind} ${namespace}/${objectName(resource.props, resource.name)}`;
    return [{ resource, id, namespace, pod }];
  });
}

/** A NetworkPolicy of the stack with its namespace and effective policy types. */
export interface StackNetworkPolicy {
  resource: PolicyResource;
  namespace: string;
  spec: NonNullable<NetworkPolicyProps['spec']>;
  ingress: boolean;
  egress: boolean;
}

/** Every NetworkPolicy of the stack; policyTypes defaults as the API server defaults them. */
export function networkPoliciesOf(resources: PolicyResource[]): StackNetworkPolicy[] {
  return resources.flatMap((resource) => {
    if (resource.type !== TYPE.k8sNetworkPolicy) return [];
    const spec = (resource.props as NetworkPolicyProps).spec ?? { podSelector: {} };
    const types = spec.policyTypes ?? [
      'Ingress',
      ...((spec.egress ?? []).length > 0 ? ['Egress'] : []),
    ];
    return [
      {
        resource,
        namespace: namespaceOf(resource.props),
        spec,
        ingress: types.includes('Ingress'),
        egress: types.includes('Egress'),
      },
    ];
  });
}
