import { describe, expect, it } from 'vitest';

import { TYPE } from '../../../policies/lib/type-tokens.js';
import {
  authDeployment,
  containerOf as container,
  k8s,
  podOf as pod,
} from '../support/k8s-baselines.js';
import { resourceViolations } from '../support/pack.js';
import {
  AUTH,
  itRefusesEachChange,
  workloadViolation as v,
  type WorkloadCase,
} from '../support/workload-cases.js';

// Probes, resources, images, identity, namespaces and secrets; then availability (advisory).
const cases: WorkloadCase[] = [
  {
    name: 'a container without a readiness probe is refused',
    change: (w) => delete container(w).readinessProbe,
    expected: [v('liveness-readiness-probes', `${AUTH} has no readinessProbe; add one.`)],
  },
  {
    name: 'an exec probe through a shell is refused',
    change: (w) =>
      (container(w).livenessProbe = {
        exec: { command: ['sh', '-c', 'wget -qO- localhost:8089'] },
      }),
    expected: [
      v(
        'liveness-readiness-probes',
        `${AUTH} livenessProbe runs sh; probe with httpGet or the image's own program.`,
      ),
    ],
  },
  {
    name: 'a container without a memory limit is refused',
    change: (w) => delete container(w).resources.limits?.memory,
    expected: [v('resource-requests-limits', `${AUTH} has no limits.memory; set it.`)],
  },
  {
    name: 'a container without requests is refused for each missing request',
    change: (w) => delete container(w).resources.requests,
    expected: [
      v('resource-requests-limits', `${AUTH} has no requests.cpu; set it.`),
      v('resource-requests-limits', `${AUTH} has no requests.memory; set it.`),
    ],
  },
  {
    name: 'an emptyDir without a size limit is refused',
    change: (w) => (pod(w).volumes = [{ name: 'tmp', emptyDir: {} }]),
    expected: [v('emptydir-size-limit', "emptyDir volume 'tmp' has no sizeLimit; set one.")],
  },
  {
    name: 'a writable root filesystem is refused',
    change: (w) => (container(w).securityContext.readOnlyRootFilesystem = false),
    expected: [
      v('read-only-root-filesystem', `${AUTH} does not set readOnlyRootFilesystem: true; set it.`),
    ],
  },
  {
    name: 'an image by tag is refused',
    change: (w) => (container(w).image = 'registry.local:5000/lucid/auth-service:1.0.0'),
    expected: [
      v(
        'image-pinned-by-digest',
        `${AUTH} image 'registry.local:5000/lucid/auth-service:1.0.0' is not pinned; reference ` +
          'it by @sha256 digest.',
      ),
    ],
  },
  {
    name: 'an automounted service-account token is refused',
    change: (w) => delete pod(w).automountServiceAccountToken,
    expected: [
      v(
        'no-service-account-token',
        'the pod may mount a service-account token; set automountServiceAccountToken: false.',
      ),
    ],
  },
  {
    name: 'the default service account is refused',
    change: (w) => delete pod(w).serviceAccountName,
    expected: [
      v(
        'dedicated-service-account',
        "the pod runs as service account 'default'; set serviceAccountName.",
      ),
    ],
  },
  {
    name: 'the default namespace is refused',
    change: (w) => delete w.metadata.namespace,
    expected: [
      v(
        'not-default-namespace',
        "metadata.namespace is unset or 'default'; put it in the app's namespace.",
      ),
    ],
  },
  {
    name: 'a literal secret in env is refused',
    change: (w) => container(w).env?.push({ name: 'REDIS_PASSWORD', value: 'correct-horse' }),
    expected: [
      v(
        'secrets-from-references',
        `${AUTH}: REDIS_PASSWORD holds a literal secret value; take it from a Secret with ` +
          'secretKeyRef.',
      ),
    ],
  },
  {
    name: 'a secret read from a ConfigMap is refused',
    change: (w) =>
      container(w).env?.push({
        name: 'API_TOKEN',
        valueFrom: { configMapKeyRef: { name: 'settings', key: 'token' } },
      }),
    expected: [
      v(
        'secrets-from-references',
        `${AUTH}: API_TOKEN comes from a ConfigMap; take it from a Secret.`,
      ),
    ],
  },
  {
    name: 'one replica draws an advisory',
    change: (w) => (w.spec.replicas = 1),
    expected: [v('min-replicas', 'replicas is 1; run at least 2.')],
  },
  {
    name: 'pods not spread over nodes draw an advisory',
    change: (w) => delete pod(w).affinity,
    expected: [
      v(
        'pod-anti-affinity',
        'pods are not spread over nodes; add podAntiAffinity or topologySpreadConstraints.',
      ),
    ],
  },
];

describe('Kubernetes workload hygiene and availability policies', () => {
  itRefusesEachChange(cases);

  it('check the pod of a CronJob where its job template keeps it', async () => {
    const template = structuredClone(authDeployment().spec.template);
    template.spec.hostPID = true;
    const cronJob = {
      metadata: { name: 'purge', namespace: 'lucid-auth' },
      spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template } } },
    };

    expect(await resourceViolations(k8s(TYPE.k8sCronJob, cronJob))).toEqual([
      v('no-host-namespaces', 'spec.hostPID is true; leave it unset or false.'),
    ]);
  });
});

describe('Kubernetes Service policy', () => {
  const service = (spec: object, name = 'lucid-auth-service', namespace = 'lucid-auth') =>
    resourceViolations(k8s(TYPE.k8sService, { metadata: { name, namespace }, spec }));

  it('passes a ClusterIP Service', async () => {
    expect(await service({ ports: [{ port: 8089 }] })).toEqual([]);
  });

  it('refuses a NodePort Service', async () => {
    expect(await service({ type: 'NodePort', ports: [{ port: 8089 }] })).toEqual([
      {
        policy: 'kubernetes-service-no-node-port-or-load-balancer',
        message:
          'Service lucid-auth/lucid-auth-service is NodePort; make it ClusterIP and route ' +
          'through the Ingress.',
      },
    ]);
  });

  it('allows the ingress controller to be a LoadBalancer', async () => {
    expect(await service({ type: 'LoadBalancer' }, 'traefik', 'kube-system')).toEqual([]);
  });

  it('refuses externalIPs even on a ClusterIP Service', async () => {
    expect(await service({ externalIPs: ['192.168.1.20'] })).toEqual([
      {
        policy: 'kubernetes-service-no-node-port-or-load-balancer',
        message: 'Service lucid-auth/lucid-auth-service sets externalIPs; remove them (KSV-0108).',
      },
    ]);
  });
});
