import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EngineResource, Finding } from '../../policies/gate/analyze.js';
import { TYPE } from '../../policies/lib/type-tokens.js';
import { policies } from '../../policies/pack.js';
import { authContainer, serviceImage } from './support/docker-baselines.js';
import { k8sStack } from './support/k8s-baselines.js';
import { engineResource, resourceFindings } from './support/pack.js';
import { PolicyRuntime, type WireDiagnostic } from './support/policy-runtime.js';

// The engine's sentinel for a value unknown during preview (pulumi/sdk rpc.ts unknownValue).
const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

/** What the SDK sends for a finding of the in-process analyzer (description, then message). */
function asWire(finding: Finding): Omit<WireDiagnostic, 'urn'> {
  const policy = policies.find((p) => p.name === finding.policyName);
  return {
    policyName: finding.policyName,
    message:
      finding.kind === 'violation'
        ? `${policy?.description ?? ''}\n${finding.message}`
        : finding.message,
    enforcementLevel: finding.enforcementLevel,
  };
}

function wire(resource: EngineResource) {
  return {
    type: resource.type,
    name: resource.name,
    urn: resource.urn,
    properties: resource.inputs,
  };
}

const withoutUrn = ({ urn: _urn, ...rest }: WireDiagnostic) => rest;

describe('the pack as the Pulumi CLI runs it', { timeout: 60_000 }, () => {
  let runtime: PolicyRuntime;

  beforeAll(async () => {
    runtime = await PolicyRuntime.start();
  });

  afterAll(() => runtime?.stop());

  it('loads through run-policy-pack and lists every policy with its level', async () => {
    const info = await runtime.info();

    expect(info.name).toBe('lucid-auth');
    expect(info.policies.map((p) => p.name)).toEqual(policies.map((p) => p.name));
    expect(info.policies.filter((p) => p.level === 'advisory').map((p) => p.name)).toEqual([
      'docker-container-init-process',
      'kubernetes-workload-min-replicas',
      'kubernetes-workload-pod-anti-affinity',
      'kubernetes-workload-pod-disruption-budget',
    ]);
  });

  it('passes the compliant auth container', async () => {
    const resource = engineResource({ type: TYPE.dockerContainer, props: authContainer() });
    expect(await runtime.analyze(wire(resource))).toEqual([]);
  });

  it('reports what the in-process analyzer reports for a privileged root container', async () => {
    const props = { ...authContainer(), privileged: true, user: '0' };
    const resource = engineResource({ type: TYPE.dockerContainer, props, name: 'auth' });

    const overWire = (await runtime.analyze(wire(resource))).map(withoutUrn);
    const inProcess = (await resourceFindings({ ...resource, props })).map(asWire);

    expect(overWire).toEqual(inProcess);
    expect(overWire.map((d) => d.policyName)).toEqual([
      'docker-container-no-privileged',
      'docker-container-non-root-user',
    ]);
  });

  it('notes a check that reads an unknown value as advisory, as the harness does', async () => {
    const props = { ...authContainer(), image: UNKNOWN };
    const resource = engineResource({ type: TYPE.dockerContainer, props, name: 'auth' });

    const overWire = (await runtime.analyze(wire(resource))).map(withoutUrn);
    const inProcess = (await resourceFindings({ ...resource, props })).map(asWire);

    expect(overWire).toEqual(inProcess);
    expect(overWire).toContainEqual({
      policyName: 'docker-container-image-pinned-by-digest',
      enforcementLevel: 'advisory',
      message:
        "can't run policy 'docker-container-image-pinned-by-digest' from policy pack " +
        "'lucid-auth@v1.0.0' during preview: string value at .image can't be known during preview",
    });
  });

  it('reads the Dockerfile of an image build from the project directory', async () => {
    const image = serviceImage();
    image.build = { ...image.build, platform: 'linux/amd64' };
    const resource = engineResource({ type: TYPE.dockerImage, props: image, name: 'image' });

    expect((await runtime.analyze(wire(resource))).map((d) => d.policyName)).toEqual([
      'docker-image-platform',
    ]);
  });

  it('runs the stack policies over AnalyzeStack', async () => {
    const resources = k8sStack()
      .filter((r) => r.name !== 'default-deny' && r.name !== 'allow-dns')
      .map(engineResource);

    const names = (await runtime.analyzeStack(resources.map(wire))).map((d) => d.policyName);
    expect(new Set(names)).toEqual(new Set(['kubernetes-networkpolicy-selects-every-workload']));
  });

  it('applies config the engine sends, such as the platforms the dev stack widens', async () => {
    await runtime.configure({ 'docker-image-platform': { allowedPlatforms: [] } });
    const image = serviceImage();
    delete image.build?.platform;
    const resource = engineResource({ type: TYPE.dockerImage, props: image, name: 'image' });

    expect(await runtime.analyze(wire(resource))).toEqual([]);
  });
});
