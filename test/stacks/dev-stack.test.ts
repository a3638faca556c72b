import { beforeAll, describe, expect, it } from 'vitest';

import type { MockRunResult } from '../../infra/testing/run-under-mocks.js';
import { runStackUnderMocks } from '../../infra/testing/run-stack.js';
import { byUrn, ofType, resource } from './support/resources.js';

const CONTAINER = 'docker:index/container:Container';

let run: MockRunResult;

beforeAll(async () => {
  run = await runStackUnderMocks('dev');
});

function container(name: string): Record<string, unknown> {
  return resource(run, CONTAINER, name).inputs;
}

describe('the dev stack', () => {
  it('declares components with lucid tokens and gives every other resource a parent', () => {
    const components = run.resources.filter((r) => !r.custom && r.type !== 'pulumi:pulumi:Stack');
    expect(components.map((c) => c.type).sort()).toEqual([
      'lucid:docker:DockerApp',
      'lucid:docker:ServiceImage',
      'lucid:secrets:GeneratedSecrets',
    ]);

    for (const r of run.resources.filter((r) => r.custom)) {
      expect(byUrn(run, r.parent)?.type, r.name).toMatch(/^lucid:/);
    }
  });

  it('builds the image from service/Dockerfile for the engine and does not push it', () => {
    const image = resource(run, 'docker:index/image:Image', 'lucid-image-build').inputs;

    expect(image).toMatchObject({
      imageName: 'lucid-auth-service:1.0.0',
      build: { context: '.', dockerfile: 'service/Dockerfile', args: { VERSION: '1.0.0' } },
      skipPush: true,
    });
    expect(image['build']).not.toHaveProperty('platform');
    expect(image).not.toHaveProperty('registry');
  });

  it('runs the auth container from the built image by its digest', () => {
    const image = container('lucid-auth')['image'];

    expect(image).toBe(run.outputs['imageDigest']);
    expect(image).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('pulls MongoDB 7 and Redis 7 by digest, then runs those same pinned references', () => {
    const remote = ofType(run, 'docker:index/remoteImage:RemoteImage');
    expect(remote.map((r) => r.name).sort()).toEqual(['lucid-mongodb-image', 'lucid-redis-image']);

    for (const role of ['mongodb', 'redis']) {
      const pull = resource(run, 'docker:index/remoteImage:RemoteImage', `lucid-${role}-image`);
      const record = resource(run, CONTAINER, `lucid-${role}`);
      expect(pull.inputs['name']).toMatch(/:7\.[0-9][^@]*@sha256:[0-9a-f]{64}$/);
      expect(record.inputs['image']).toBe(pull.inputs['name']);
      expect(record.options.dependsOn).toContain(pull.urn);
    }
  });

  it('declares the auth container hardened and limited as the spec says', () => {
    expect(container('lucid-auth')).toMatchObject({
      name: 'lucid-auth-service',
      user: '65532:65532',
      readOnly: true,
      tmpfs: { '/tmp': 'rw,noexec,nosuid,nodev,size=64m' },
      capabilities: { drops: ['ALL'] },
      securityOpts: ['no-new-privileges:true'],
      privileged: false,
      init: true,
      memory: 2048,
      memorySwap: 2048,
      cpus: '2',
      restart: 'unless-stopped',
      logDriver: 'local',
      logOpts: { 'max-file': '3', 'max-size': '10m' },
      healthcheck: { tests: ['CMD', '/nodejs/bin/node', '/app/healthcheck.js'] },
      ports: [{ internal: 8089, external: 8089, ip: '127.0.0.1', protocol: 'tcp' }],
      wait: true,
    });
  });

  it('limits and hardens the database containers too', () => {
    const limits = { 'lucid-mongodb': [1024, '1'], 'lucid-redis': [256, '0.5'] } as const;
    for (const [name, [memory, cpus]] of Object.entries(limits)) {
      const inputs = container(name);

      expect(inputs, name).toMatchObject({
        readOnly: true,
        capabilities: { drops: ['ALL'] },
        securityOpts: ['no-new-privileges:true'],
        privileged: false,
        init: true,
        memory,
        memorySwap: memory,
        cpus,
        restart: 'unless-stopped',
        logDriver: 'local',
        logOpts: { 'max-file': '3', 'max-size': '10m' },
        wait: true,
      });
      expect((inputs['healthcheck'] as { tests: string[] }).tests[0], name).toBe('CMD');
    }
  });

  it('publishes no database port and keeps the databases on the internal network', () => {
    for (const name of ['lucid-mongodb', 'lucid-redis']) {
      const inputs = container(name);
      expect(inputs['ports'] ?? [], name).toEqual([]);
      expect(inputs['networksAdvanced'], name).toEqual([
        { name: 'lucid-dev-internal', aliases: [inputs['name']] },
      ]);
      expect(inputs['user'], name).toBe('999:999');
    }

    const networks = ofType(run, 'docker:index/network:Network').map((n) => n.inputs);
    expect(networks).toContainEqual(
      expect.objectContaining({ name: 'lucid-dev', internal: false }),
    );
    expect(networks).toContainEqual(
      expect.objectContaining({ name: 'lucid-dev-internal', internal: true }),
    );
  });

  it('keeps every generated secret a secret, from the password to the uploaded file', () => {
    const passwords = ofType(run, 'random:index/randomPassword:RandomPassword');
    expect(passwords).toHaveLength(4);

    for (const name of ['lucid-auth', 'lucid-mongodb', 'lucid-redis']) {
      const record = resource(run, CONTAINER, name);
      const uploads = record.inputs['uploads'] as { file: string }[];
      uploads.forEach((upload, i) => {
        const secretFile = upload.file.startsWith('/run/secrets/');
        expect(record.secretPaths.includes(`uploads.${i}.content`), upload.file).toBe(secretFile);
      });
      expect(
        record.secretPaths.some((p) => p.startsWith('envs')),
        name,
      ).toBe(false);
    }
  });

  it('puts no generated secret into any environment variable or label', () => {
    const secrets = ofType(run, 'random:index/randomPassword:RandomPassword').map((r) =>
      String(r.outputs['result']),
    );
    expect(secrets.every((s) => s.length >= 40)).toBe(true);

    for (const c of ofType(run, CONTAINER)) {
      const visible = JSON.stringify([c.inputs['envs'], c.inputs['labels'], c.inputs['command']]);
      for (const secret of secrets) expect(visible, c.name).not.toContain(secret);
    }
  });

  it('exports the service URL, the image digest, and the network and volume names', () => {
    expect(run.outputs).toMatchObject({
      url: 'http://127.0.0.1:8089',
      networkNames: ['lucid-dev', 'lucid-dev-internal'],
    });
    expect(run.outputs['volumeNames']).toEqual(
      expect.arrayContaining(['lucid-mongodb-data', 'lucid-redis-data', 'lucid-auth-secrets']),
    );
  });
});
