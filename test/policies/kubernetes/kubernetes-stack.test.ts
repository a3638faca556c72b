import { describe, expect, it } from 'vitest';

import type { EngineResource } from '../../../policies/gate/analyze.js';
import { TYPE } from '../../../policies/lib/type-tokens.js';
import { k8sStack, type Meta, type NetworkPolicySpec } from '../support/k8s-baselines.js';
import { engineResource, sorted, stackViolations, type Violation } from '../support/pack.js';

function stack(): EngineResource[] {
  return k8sStack().map(engineResource);
}

function inputsOf<T>(resources: EngineResource[], name: string): T {
  const found = resources.find((resource) => resource.name === name);
  if (found === undefined) throw new Error(`no resource ${name}`);
  return found.inputs as T;
}

const policySpec = (resources: EngineResource[], name: string) =>
  inputsOf<{ spec: NetworkPolicySpec }>(resources, name).spec;

function firstRule(resources: EngineResource[], name: string) {
  const rule = policySpec(resources, name).ingress?.[0];
  if (rule === undefined) throw new Error(`${name} has no ingress rule`);
  return rule;
}

function without(resources: EngineResource[], name: string): EngineResource[] {
  return resources.filter((resource) => resource.name !== name);
}

const v = (policy: string, message: string): Violation => ({ policy, message });

describe('Kubernetes stack policies', () => {
  it('pass the compliant k3s stack', async () => {
    expect(await stackViolations(stack())).toEqual([]);
  });

  it('refuse workloads when no NetworkPolicy denies by default', async () => {
    const resources = without(without(stack(), 'default-deny'), 'allow-dns');

    expect(sorted(await stackViolations(resources))).toEqual(
      sorted([
        ...[
          'Deployment lucid-auth/lucid-auth-service',
          'StatefulSet lucid-auth/lucid-mongodb',
          'StatefulSet lucid-auth/lucid-redis',
        ].map((id) =>
          v(
            'kubernetes-networkpolicy-selects-every-workload',
            `${id} is selected by no NetworkPolicy for egress; add a default-deny policy ` +
              '(podSelector: {}) and allow only what it needs.',
          ),
        ),
        v(
          'kubernetes-networkpolicy-selects-every-workload',
          'Deployment lucid-auth/lucid-auth-service is selected by no NetworkPolicy for ' +
            'ingress; add a default-deny policy (podSelector: {}) and allow only what it needs.',
        ),
      ]),
    );
  });

  it('refuse a namespace without the restricted Pod Security label', async () => {
    const resources = stack();
    inputsOf<{ metadata: Meta }>(resources, 'lucid-auth').metadata.labels = {};

    expect(await stackViolations(resources)).toEqual([
      v(
        'kubernetes-namespace-restricted-pod-security',
        'Namespace lucid-auth has pod-security.kubernetes.io/enforce=(unset); label it restricted.',
      ),
    ]);
  });

  it('refuse a workload in a namespace the stack does not declare', async () => {
    const resources = without(stack(), 'lucid-auth');

    expect(await stackViolations(resources)).toHaveLength(3);
    expect((await stackViolations(resources))[0]).toEqual(
      v(
        'kubernetes-namespace-restricted-pod-security',
        'Deployment lucid-auth/lucid-auth-service runs in namespace lucid-auth, which this ' +
          'stack does not declare, so its Pod Security label is unchecked; declare the namespace.',
      ),
    );
  });

  it('refuse a datastore that admits traffic from every pod', async () => {
    const resources = stack();
    policySpec(resources, 'mongodb-from-auth').ingress = [{ ports: [{ port: 27017 }] }];

    expect(await stackViolations(resources)).toEqual([
      v(
        'kubernetes-networkpolicy-datastores-only-from-service',
        'StatefulSet lucid-auth/lucid-mongodb admits every source through NetworkPolicy ' +
          "mongodb-from-auth; name the service's pods.",
      ),
    ]);
  });

  it('refuse a datastore that admits pods other than the service', async () => {
    const resources = stack();
    firstRule(resources, 'redis-from-auth').from = [{ podSelector: {} }];

    expect(await stackViolations(resources)).toEqual([
      v(
        'kubernetes-networkpolicy-datastores-only-from-service',
        'StatefulSet lucid-auth/lucid-redis admits StatefulSet lucid-auth/lucid-mongodb, ' +
          'StatefulSet lucid-auth/lucid-redis through NetworkPolicy redis-from-auth; select only ' +
          "the auth service's pods.",
      ),
    ]);
  });

  it('refuse a datastore reachable from other namespaces', async () => {
    const resources = stack();
    firstRule(resources, 'redis-from-auth').from = [{ namespaceSelector: {} }];

    expect(await stackViolations(resources)).toEqual([
      v(
        'kubernetes-networkpolicy-datastores-only-from-service',
        'StatefulSet lucid-auth/lucid-redis admits an ipBlock or other namespaces through ' +
          "NetworkPolicy redis-from-auth; allow only the service's pods.",
      ),
    ]);
  });

  it('refuse a datastore rule that opens every port', async () => {
    const resources = stack();
    delete firstRule(resources, 'redis-from-auth').ports;

    expect(await stackViolations(resources)).toEqual([
      v(
        'kubernetes-networkpolicy-datastores-only-from-service',
        'StatefulSet lucid-auth/lucid-redis admits every port through NetworkPolicy ' +
          'redis-from-auth; name its port.',
      ),
    ]);
  });

  it('note a Deployment without a disruption budget as advisory', async () => {
    const resources = without(stack(), 'lucid-auth-service-pdb');

    expect(await stackViolations(resources)).toEqual([
      v(
        'kubernetes-workload-pod-disruption-budget',
        'Deployment lucid-auth/lucid-auth-service has no PodDisruptionBudget; add one.',
      ),
    ]);
  });

  it('treat a budget without a selector as covering nothing', async () => {
    const resources = stack();
    delete inputsOf<{ spec: { selector?: object } }>(resources, 'lucid-redis-pdb').spec.selector;

    expect(await stackViolations(resources)).toEqual([
      v(
        'kubernetes-workload-pod-disruption-budget',
        'StatefulSet lucid-auth/lucid-redis has no PodDisruptionBudget; add one.',
      ),
    ]);
  });

  it('resolve selectors with matchExpressions', async () => {
    const resources = stack();
    policySpec(resources, 'mongodb-from-auth').podSelector = {
      matchExpressions: [
        { key: 'app.kubernetes.io/name', operator: 'In', values: ['lucid-mongodb'] },
      ],
    };

    expect(await stackViolations(resources)).toEqual([]);
    expect(TYPE.k8sNetworkPolicy).toBe('kubernetes:networking.k8s.io/v1:NetworkPolicy');
  });
});
