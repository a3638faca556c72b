import { stackPolicy } from '../lib/define.js';
import { workloadsOf } from '../lib/k8s-stack.js';
import { TYPE } from '../lib/type-tokens.js';
import type { NamespaceProps } from '../lib/types.js';

const ENFORCE = 'pod-security.kubernetes.io/enforce';

/**
 * Has the API server enforce Pod Security restricted, which k3s enables but applies to no
 * namespace by default (k3s hardening guide), so a workload the pack never saw is held too.
 */
export const kubernetesNamespaceRestrictedPodSecurity = stackPolicy({
  name: 'kubernetes-namespace-restricted-pod-security',
  description:
    `Every Namespace of the stack carries ${ENFORCE}: restricted, and every workload runs in ` +
    'a namespace the stack declares.',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: ({ resources }, report) => {
    const declared = new Map<string, string>();
    for (const resource of resources.filter((r) => r.type === TYPE.k8sNamespace)) {
      const metadata = (resource.props as NamespaceProps).metadata;
      const name = metadata?.name ?? resource.name;
      declared.set(name, resource.urn);
      const level = metadata?.labels?.[ENFORCE];
      if (level !== 'restricted') {
        report(
          `Namespace ${name} has ${ENFORCE}=${level ?? '(unset)'}; label it restricted.`,
          resource.urn,
        );
      }
    }
    for (const workload of workloadsOf(resources)) {
      if (!declared.has(workload.namespace)) {
        report(
          `${workload.id} runs in namespace ${workload.namespace}, which this stack does not ` +
            'declare, so its Pod Security label is unchecked; declare the namespace.',
          workload.resource.urn,
        );
      }
    }
  },
});
