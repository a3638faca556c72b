import { resourcePolicy } from '../lib/define.js';
import { namespaceOf, objectName } from '../lib/k8s.js';
import { TYPE } from '../lib/type-tokens.js';
import type { ServiceProps } from '../lib/types.js';

interface Config {
  exposedServices: string[];
}

const EXPOSING = ['NodePort', 'LoadBalancer'];

/**
 * Exposes the cluster only through the ingress controller. On k3s every LoadBalancer becomes
 * ServiceLB host ports on each node (kube-score service-type, Kyverno restrict-node-port).
 */
export const kubernetesServiceNoNodePortOrLoadBalancer = resourcePolicy<ServiceProps, Config>({
  name: 'kubernetes-service-no-node-port-or-load-balancer',
  description:
    'Services are ClusterIP without externalIPs, except the ingress controller ' +
    "(exposedServices config, 'namespace/name' regular expressions).",
  enforcementLevel: 'mandatory',
  severity: 'high',
  types: [TYPE.k8sService],
  configSchema: {
    properties: {
      exposedServices: {
        type: 'array',
        items: { type: 'string' },
        description:
          "Services allowed to be NodePort or LoadBalancer, as 'namespace/name' patterns.",
        default: ['^kube-system/traefik$'],
      },
    },
  },
  validate: (service, context, report) => {
    const id = `${namespaceOf(service)}/${objectName(service, context.args.name)}`;
    const exempt = context.config.exposedServices.some((pattern) => new RegExp(pattern).test(id));
    const type = service.spec?.type ?? 'ClusterIP';
    if (EXPOSING.includes(type) && !exempt) {
      report(`Service ${id} is ${type}; make it ClusterIP and route through the Ingress.`);
    }
    if ((service.spec?.externalIPs ?? []).length > 0) {
      report(`Service ${id} sets externalIPs; remove them (KSV-0108).`);
    }
  },
});
