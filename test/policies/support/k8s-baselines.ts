import { TYPE } from '../../../policies/lib/type-tokens.js';
import type {
  K8sContainer,
  LabelSelector,
  PodSecurityContext,
  PodSpec,
  SecurityContext,
} from '../../../policies/lib/types.js';
import { IMAGES } from './docker-baselines.js';
import type { TestResource } from './pack.js';

/** The namespace every fixture lives in. */
export const NAMESPACE = 'lucid-auth';

const appLabels = (name: string) => ({ 'app.kubernetes.io/name': name });

/** Metadata as the fixtures set it. */
export interface Meta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A container of the fixtures, with the parts tests change always present. */
export type Container = Omit<K8sContainer, 'securityContext' | 'resources'> & {
  securityContext: SecurityContext;
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
};

/** A pod spec of the fixtures. */
export type Pod = Omit<PodSpec, 'containers' | 'securityContext'> & {
  containers: Container[];
  securityContext: PodSecurityContext;
};

/** A Deployment or StatefulSet of the fixtures. */
export interface Workload {
  metadata: Meta;
  spec: {
    replicas?: number;
    serviceName?: string;
    selector: LabelSelector;
    template: { metadata: Meta; spec: Pod };
  };
}

/** The pod spec of a workload fixture. */
export function podOf(workload: Workload): Pod {
  return workload.spec.template.spec;
}

/** The first (only) container of a workload fixture. */
export function containerOf(workload: Workload): Container {
  const container = workload.spec.template.spec.containers[0];
  if (container === undefined) throw new Error('the fixture has no container');
  return container;
}

/** A compliant Deployment of the auth service. */
export function authDeployment(): Workload {
  return {
    metadata: {
      name: 'lucid-auth-service',
      namespace: NAMESPACE,
      labels: appLabels('lucid-auth-service'),
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: appLabels('lucid-auth-service') },
      template: {
        metadata: { labels: appLabels('lucid-auth-service') },
        spec: {
          serviceAccountName: 'lucid-auth-service',
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 65532,
            runAsGroup: 65532,
            fsGroup: 65532,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 100,
                  podAffinityTerm: {
                    topologyKey: 'kubernetes.io/hostname',
                    labelSelector: { matchLabels: appLabels('lucid-auth-service') },
                  },
                },
              ],
            },
          },
          containers: [
            {
              name: 'auth',
              image: IMAGES.auth,
              ports: [{ name: 'http', containerPort: 8089 }],
              env: [
                { name: 'NODE_ENV', value: 'production' },
                { name: 'ACCESS_TOKEN_TTL', value: '900' },
                {
                  name: 'KEY_ENCRYPTION_SECRET',
                  valueFrom: { secretKeyRef: { name: 'lucid-auth', key: 'key-encryption-secret' } },
                },
              ],
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              resources: {
                requests: { cpu: '250m', memory: '256Mi' },
                limits: { cpu: '2', memory: '2Gi' },
              },
              startupProbe: { httpGet: { path: '/health/live', port: 8089 } },
              livenessProbe: { httpGet: { path: '/health/live', port: 8089 } },
              readinessProbe: { httpGet: { path: '/health/ready', port: 8089 } },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [
            { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
            { name: 'secrets', secret: { secretName: 'lucid-auth' } },
          ],
        },
      },
    },
  };
}

/** A compliant StatefulSet for a datastore: uid 999 by the default exception, exec probes. */
export function datastoreStatefulSet(name: 'lucid-mongodb' | 'lucid-redis'): Workload {
  const mongo = name === 'lucid-mongodb';
  const ping = mongo
    ? ['mongosh', '--quiet', '--norc', '--eval', "db.adminCommand('ping').ok"]
    : ['redis-cli', 'ping'];
  const workload = authDeployment();
  workload.metadata = { name, namespace: NAMESPACE, labels: appLabels(name) };
  workload.spec.serviceName = name;
  workload.spec.selector = { matchLabels: appLabels(name) };
  workload.spec.template.metadata = { labels: appLabels(name) };

  const pod = podOf(workload);
  pod.serviceAccountName = name;
  pod.securityContext = {
    runAsNonRoot: true,
    runAsUser: 999,
    runAsGroup: 999,
    fsGroup: 999,
    seccompProfile: { type: 'RuntimeDefault' },
  };
  pod.affinity = {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: appLabels(name) } },
      ],
    },
  };

  const container = containerOf(workload);
  const { startupProbe: _startup, ...rest } = container;
  pod.containers = [
    {
      ...rest,
      name: mongo ? 'mongodb' : 'redis',
      image: mongo ? IMAGES.mongo : IMAGES.redis,
      ports: [{ name: 'db', containerPort: mongo ? 27017 : 6379 }],
      env: [],
      livenessProbe: { exec: { command: ping } },
      readinessProbe: { exec: { command: ping } },
    },
  ];
  return workload;
}

/** Wraps inputs as a test resource of the given Kubernetes type. */
export function k8s(type: string, props: object, name?: string): TestResource {
  return { type, props, name: name ?? (props as { metadata?: Meta }).metadata?.name };
}

/** The stack's namespace, labelled for Pod Security restricted. */
export function namespace(): { metadata: Meta } {
  return {
    metadata: {
      name: NAMESPACE,
      labels: {
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'latest',
      },
    },
  };
}

/** A NetworkPolicy spec as the fixtures write it. */
export interface NetworkPolicySpec {
  podSelector: LabelSelector;
  policyTypes?: string[];
  ingress?: {
    from?: { podSelector?: LabelSelector; namespaceSelector?: LabelSelector }[];
    ports?: { port: number; protocol?: string }[];
  }[];
  egress?: { ports?: { port: number; protocol?: string }[] }[];
}

function networkPolicy(name: string, spec: NetworkPolicySpec): TestResource {
  return k8s(TYPE.k8sNetworkPolicy, { metadata: { name, namespace: NAMESPACE }, spec }, name);
}

/** A compliant k3s stack: namespace, service, datastores, policies and budgets. */
export function k8sStack(): TestResource[] {
  const fromAuth = [{ podSelector: { matchLabels: appLabels('lucid-auth-service') } }];
  const budget = (name: string) =>
    k8s(
      TYPE.k8sPodDisruptionBudget,
      {
        metadata: { name, namespace: NAMESPACE },
        spec: { maxUnavailable: 1, selector: { matchLabels: appLabels(name) } },
      },
      `${name}-pdb`,
    );
  return [
    k8s(TYPE.k8sNamespace, namespace(), NAMESPACE),
    k8s(TYPE.k8sDeployment, authDeployment()),
    k8s(TYPE.k8sStatefulSet, datastoreStatefulSet('lucid-mongodb')),
    k8s(TYPE.k8sStatefulSet, datastoreStatefulSet('lucid-redis')),
    k8s(
      TYPE.k8sService,
      {
        metadata: { name: 'lucid-auth-service', namespace: NAMESPACE },
        spec: { selector: appLabels('lucid-auth-service'), ports: [{ port: 8089 }] },
      },
      'lucid-auth-service-svc',
    ),
    networkPolicy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    networkPolicy('allow-dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 53, protocol: 'TCP' },
          ],
        },
      ],
    }),
    networkPolicy('mongodb-from-auth', {
      podSelector: { matchLabels: appLabels('lucid-mongodb') },
      policyTypes: ['Ingress'],
      ingress: [{ from: fromAuth, ports: [{ port: 27017 }] }],
    }),
    networkPolicy('redis-from-auth', {
      podSelector: { matchLabels: appLabels('lucid-redis') },
      policyTypes: ['Ingress'],
      ingress: [{ from: fromAuth, ports: [{ port: 6379 }] }],
    }),
    budget('lucid-auth-service'),
    budget('lucid-mongodb'),
    budget('lucid-redis'),
  ];
}
