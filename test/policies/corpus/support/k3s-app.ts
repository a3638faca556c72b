import * as k8s from '@pulumi/kubernetes';

import { TYPE } from '../../../../policies/lib/type-tokens.js';
import { k8sStack } from '../../support/k8s-baselines.js';

// The fixtures are plain objects shaped like each type's args.
const DECLARE: Record<string, (name: string, args: object) => unknown> = {
  [TYPE.k8sNamespace]: (name, args) => new k8s.core.v1.Namespace(name, args),
  [TYPE.k8sDeployment]: (name, args) =>
    new k8s.apps.v1.Deployment(name, args as k8s.apps.v1.DeploymentArgs),
  [TYPE.k8sStatefulSet]: (name, args) =>
    new k8s.apps.v1.StatefulSet(name, args as k8s.apps.v1.StatefulSetArgs),
  [TYPE.k8sService]: (name, args) => new k8s.core.v1.Service(name, args),
  [TYPE.k8sNetworkPolicy]: (name, args) => new k8s.networking.v1.NetworkPolicy(name, args),
  [TYPE.k8sPodDisruptionBudget]: (name, args) => new k8s.policy.v1.PodDisruptionBudget(name, args),
};

/**
 * Declares a compliant k3s deployment (namespace, service, datastores, NetworkPolicies,
 * budgets). `keep` picks which resources a bad program declares, by name.
 */
export function k3sApp(keep: (name: string) => boolean = () => true): void {
  for (const resource of k8sStack()) {
    const name = resource.name ?? resource.type;
    if (!keep(name)) continue;
    const declare = DECLARE[resource.type];
    if (declare === undefined) throw new Error(`no class for ${resource.type}`);
    declare(name, resource.props);
  }
}
