import { beforeAll, describe, expect, it } from 'vitest';

import type { MockRunResult, RecordedResource } from '../../infra/testing/run-under-mocks.js';
import { runStackUnderMocks } from '../../infra/testing/run-stack.js';
import { validateKubernetesObject } from './support/openapi.js';
import { at, byUrn, isSecretAt, ofType, resource } from './support/resources.js';

let run: MockRunResult;

beforeAll(async () => {
  run = await runStackUnderMocks('k3s', {
    config: { registryUsername: 'lucid' },
    secrets: { registryPassword: 'registry-pw-for-tests' },
  });
});

const kube = (): RecordedResource[] =>
  run.resources.filter((r) => r.type.startsWith('kubernetes:'));
const deployment = () => resource(run, 'kubernetes:apps/v1:Deployment', 'lucid-auth-deployment');
const statefulSet = (role: string) =>
  resource(run, 'kubernetes:apps/v1:StatefulSet', `lucid-${role}-statefulset`);
const policy = (name: string) =>
  resource(run, 'kubernetes:networking.k8s.io/v1:NetworkPolicy', name).inputs;

describe('the k3s stack', () => {
  it('declares components with lucid tokens and gives every other resource a parent', () => {
    const components = run.resources.filter((r) => !r.custom && r.type !== 'pulumi:pulumi:Stack');
    const types = new Set(components.map((c) => c.type));

    expect([...types].sort()).toEqual([
      'lucid:docker:ServiceImage',
      'lucid:kubernetes:AuthService',
      'lucid:kubernetes:Database',
      'lucid:kubernetes:KubernetesApp',
      'lucid:kubernetes:NamespaceBaseline',
      'lucid:secrets:GeneratedSecrets',
    ]);
    for (const r of run.resources.filter((r) => r.custom)) {
      expect(byUrn(run, r.parent)?.type, r.name).toMatch(/^lucid:/);
    }
  });

  it('declares objects that all validate against the Kubernetes OpenAPI schemas', async () => {
    expect(kube().length).toBeGreaterThanOrEqual(20);
    for (const object of kube()) {
      await expect(validateKubernetesObject(object), object.name).resolves.toBeUndefined();
    }
  });

  it('has a validator that rejects an object the schemas forbid', async () => {
    const broken = structuredClone(deployment());
    (broken.inputs['spec'] as Record<string, unknown>)['replicas'] = 'two';

    await expect(validateKubernetesObject(broken)).rejects.toThrow(/replicas/);
  });

  it('creates a namespace that enforces the restricted Pod Security profile', () => {
    const labels = at(
      resource(run, 'kubernetes:core/v1:Namespace', 'lucid-baseline-namespace').inputs,
      'metadata.labels',
    );

    expect(labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    for (const object of kube().filter((o) => o.type !== 'kubernetes:core/v1:Namespace')) {
      expect(at(object.inputs, 'metadata.namespace'), object.name).toBe('lucid-auth');
    }
  });

  it('never mounts a service-account token', () => {
    for (const account of ofType(run, 'kubernetes:core/v1:ServiceAccount')) {
      expect(account.inputs['automountServiceAccountToken'], account.name).toBe(false);
    }
    for (const workload of [deployment(), statefulSet('mongodb'), statefulSet('redis')]) {
      const pod = at(workload.inputs, 'spec.template.spec') as Record<string, unknown>;
      expect(pod['automountServiceAccountToken'], workload.name).toBe(false);
    }
  });

  it('runs the service restricted: uid and gid 65532, no escalation, read-only root', () => {
    const pod = at(deployment().inputs, 'spec.template.spec');

    expect(at(pod, 'securityContext')).toEqual({
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      fsGroup: 65532,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(at(pod, 'containers.0.securityContext')).toMatchObject({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(at(pod, 'volumes')).toContainEqual({
      name: 'tmp',
      emptyDir: { medium: 'Memory', sizeLimit: '64Mi' },
    });
  });

  it('probes startup, readiness and liveness over HTTP and sets requests and limits', () => {
    const container = at(deployment().inputs, 'spec.template.spec.containers.0');

    expect(at(container, 'startupProbe.httpGet')).toMatchObject({ path: '/health/live' });
    expect(at(container, 'readinessProbe.httpGet')).toMatchObject({ path: '/health/ready' });
    expect(at(container, 'livenessProbe.httpGet')).toMatchObject({ path: '/health/live' });
    expect(at(container, 'resources')).toEqual({
      limits: { cpu: '2000m', memory: '2048Mi' },
      requests: { cpu: '500m', memory: '1024Mi' },
    });
    expect(at(container, 'ports')).toEqual([
      { name: 'http', containerPort: 8089, protocol: 'TCP' },
    ]);
  });

  it('runs the pushed image by digest with the registry pull secret', () => {
    const pod = at(deployment().inputs, 'spec.template.spec');
    const pull = resource(run, 'kubernetes:core/v1:Secret', 'lucid-baseline-registry');

    expect(at(pod, 'containers.0.image')).toBe(run.outputs['imageDigest']);
    expect(at(pod, 'containers.0.image')).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(at(pod, 'imagePullSecrets')).toEqual([{ name: 'lucid-registry' }]);
    expect(pull.inputs['type']).toBe('kubernetes.io/dockerconfigjson');
    expect(isSecretAt(pull, 'stringData..dockerconfigjson')).toBe(true);
  });

  it('rolls out by adding a ready pod before removing one', () => {
    expect(at(deployment().inputs, 'spec.strategy')).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    });
    expect(at(deployment().inputs, 'spec.replicas')).toBe(2);
  });

  it('delivers secrets as mounted Secret files, never as env values', () => {
    for (const secret of ofType(run, 'kubernetes:core/v1:Secret')) {
      const keys = Object.keys(secret.inputs['stringData'] as object);
      for (const key of keys) {
        expect(isSecretAt(secret, `stringData.${key}`), `${secret.name} ${key}`).toBe(true);
      }
    }
    for (const workload of [deployment(), statefulSet('mongodb'), statefulSet('redis')]) {
      const env = at(workload.inputs, 'spec.template.spec.containers.0.env') as {
        name: string;
        value: string;
      }[];
      for (const { name, value } of env) {
        expect(/PASSWORD$|SECRET$|TOKEN$/.test(name) && value !== '', name).toBe(false);
      }
    }
  });

  it('keeps MongoDB and Redis in StatefulSets with local-path claims, as uid 999', () => {
    for (const role of ['mongodb', 'redis']) {
      const set = statefulSet(role).inputs;
      expect(at(set, 'spec.volumeClaimTemplates.0.spec')).toMatchObject({
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'local-path',
      });
      expect(at(set, 'spec.template.spec.securityContext')).toMatchObject({
        runAsUser: 999,
        runAsNonRoot: true,
      });
      expect(at(set, 'spec.template.spec.containers.0.readinessProbe.exec')).toBeDefined();
    }
  });

  it('exposes the service through a ClusterIP Service and a Traefik Ingress only', () => {
    const services = ofType(run, 'kubernetes:core/v1:Service').map((s) =>
      at(s.inputs, 'spec.type'),
    );
    const ingress = resource(run, 'kubernetes:networking.k8s.io/v1:Ingress', 'lucid-auth-ingress');

    expect(services).toEqual(['ClusterIP', 'ClusterIP', 'ClusterIP']);
    expect(at(ingress.inputs, 'spec.ingressClassName')).toBe('traefik');
    expect(at(ingress.inputs, 'spec.rules.0.host')).toBe('auth.lucid.local');
  });

  it('denies all traffic by default and allows only DNS, Traefik to 8089 and the databases', () => {
    expect(at(policy('lucid-baseline-default-deny'), 'spec')).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    expect(at(policy('lucid-baseline-allow-dns'), 'spec.egress.0.ports')).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);
    expect(at(policy('lucid-auth-from-traefik'), 'spec.ingress.0')).toEqual({
      from: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } },
        },
      ],
      ports: [{ protocol: 'TCP', port: 8089 }],
    });
    expect(at(policy('lucid-auth-to-databases'), 'spec.egress')).toEqual([
      {
        to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'lucid-mongodb' } } }],
        ports: [{ protocol: 'TCP', port: 27017 }],
      },
      {
        to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'lucid-redis' } } }],
        ports: [{ protocol: 'TCP', port: 6379 }],
      },
    ]);
    for (const db of ['mongodb', 'redis']) {
      expect(at(policy(`lucid-${db}-ingress`), 'spec.ingress.0.from')).toEqual([
        { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'lucid-auth-service' } } },
      ]);
    }
  });

  it('selects every workload with at least one NetworkPolicy', () => {
    const selectors = ofType(run, 'kubernetes:networking.k8s.io/v1:NetworkPolicy').map(
      (p) => at(p.inputs, 'spec.podSelector.matchLabels') as Record<string, string> | undefined,
    );
    for (const workload of [deployment(), statefulSet('mongodb'), statefulSet('redis')]) {
      const labels = at(workload.inputs, 'spec.template.metadata.labels') as Record<string, string>;
      const selected = selectors.filter(
        (s) => s && Object.entries(s).every(([k, v]) => labels[k] === v),
      );
      expect(selected.length, workload.name).toBeGreaterThan(0);
    }
  });

  it('keeps one pod through disruptions and scales on CPU', () => {
    const budget = resource(
      run,
      'kubernetes:policy/v1:PodDisruptionBudget',
      'lucid-auth-disruption-budget',
    );
    const scaler = resource(
      run,
      'kubernetes:autoscaling/v2:HorizontalPodAutoscaler',
      'lucid-auth-autoscaler',
    );

    expect(at(budget.inputs, 'spec.minAvailable')).toBe(1);
    expect(at(scaler.inputs, 'spec')).toMatchObject({
      minReplicas: 2,
      maxReplicas: 4,
      scaleTargetRef: { kind: 'Deployment', name: 'lucid-auth-service' },
    });
  });
});
