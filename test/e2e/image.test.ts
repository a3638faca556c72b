import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { IMAGE_MEMORY_VARIABLES, imageRuntime } from '../../bench/lib/service-process.js';
import { docker } from './support/engine.js';
import { baseImages, buildServiceImage, publish, type Arch } from './support/images.js';
import { DockerScope, waitHealthy } from './support/scope.js';
import {
  getJson,
  runService,
  secretFiles,
  startDatabases,
  type Databases,
} from './support/service-run.js';

// Builds under qemu take minutes: this file's hooks and tests have their own long limits.
const BUILD_MS = 40 * 60_000;
const RUN_MS = 3 * 60_000;

interface ImageConfig {
  Architecture: string;
  Config: {
    User: string;
    ExposedPorts: Record<string, object>;
    Healthcheck: { Test: string[] };
    Entrypoint: string[];
    Cmd: string[];
    Env: string[];
    Labels: Record<string, string>;
  };
}

async function imageConfig(reference: string): Promise<ImageConfig> {
  return JSON.parse(
    await docker(['image', 'inspect', '-f', '{{json .}}', reference]),
  ) as ImageConfig;
}

const run = promisify(execFile);
const ARCHES: Arch[] = ['amd64', 'arm64'];
const images = {} as Record<Arch, string>;

describe('the service image built from service/Dockerfile', () => {
  beforeAll(async () => {
    for (const arch of ARCHES) images[arch] = await buildServiceImage(arch);
  }, BUILD_MS);

  it.each(ARCHES)('is built for %s from the same Dockerfile', async (arch) => {
    const image = await imageConfig(images[arch]);

    expect(image.Architecture).toBe(arch);
    expect(image.Config.Entrypoint).toEqual(['/nodejs/bin/node', '--no-maglev']);
    expect(image.Config.Cmd).toEqual(['/app/main.js']);
  });

  it('runs as user 65532, exposes 8089 and has one exec-form health check', async () => {
    const { Config } = await imageConfig(images.amd64);

    expect(Config.User).toBe('65532:65532');
    expect(Object.keys(Config.ExposedPorts)).toEqual(['8089/tcp']);
    expect(Config.Healthcheck.Test).toEqual(['CMD', '/nodejs/bin/node', '/app/healthcheck.js']);
  });

  it('runs Node with the settings and flags the benchmarks start the service with', async () => {
    const { Config } = await imageConfig(images.amd64);
    const { env, nodeFlags } = imageRuntime();

    for (const name of IMAGE_MEMORY_VARIABLES) expect(Config.Env).toContain(`${name}=${env[name]}`);
    expect(env.NODE_OPTIONS).toMatch(/--max-old-space-size=\d+/);
    expect(env.MALLOC_ARENA_MAX).toMatch(/^\d+$/);
    expect(Config.Entrypoint).toEqual(['/nodejs/bin/node', ...nodeFlags]);
  });

  it('carries the OCI labels and the service, cluster, port and features labels', async () => {
    const { Labels } = (await imageConfig(images.amd64)).Config;

    expect(Labels).toMatchObject({
      'org.opencontainers.image.title': 'lucid-auth-service',
      'org.opencontainers.image.version': '1.0.0',
      service: 'lucid-auth-service',
      cluster: '09-authentication',
      port: '8089',
    });
    expect(Labels['org.opencontainers.image.source']).toMatch(/^https:\/\//);
    expect(Labels['org.opencontainers.image.revision']).toMatch(/^[0-9a-f]{40}$/);
    expect(Labels.features?.split(',')).toContain('tron-signature');
  });

  it('holds no shell and no package manager anywhere in its file system', async () => {
    const files = await filesOf(images.amd64);
    const forbidden = /^(sh|bash|dash|ash|zsh|busybox|apt|apt-get|dpkg|apk|curl|wget)$/;

    expect(files.length).toBeGreaterThan(1_000);
    expect(files.filter((file) => forbidden.test(file.split('/').at(-1) ?? ''))).toEqual([]);
  });
});

/** Every path in an image's file system, from `docker export` of a created container. */
async function filesOf(image: string): Promise<string[]> {
  const container = await docker(['create', image]);
  try {
    const { stdout } = await run('bash', ['-c', `docker export ${container} | tar -t`], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout.split('\n').map((line) => line.replace(/\/$/, ''));
  } finally {
    await docker(['rm', container]);
  }
}

describe('the service image on a real engine', () => {
  const scope = new DockerScope();
  let databases: Databases;
  let secrets: string;

  beforeAll(async () => {
    for (const arch of ARCHES) images[arch] ??= await buildServiceImage(arch);
    const bases = baseImages();
    databases = await startDatabases(scope, 'lucid-e2e-image', {
      mongo: bases.MONGO_IMAGE,
      redis: bases.REDIS_IMAGE,
    });
    secrets = await secretFiles(databases);
  }, BUILD_MS);

  afterAll(async () => {
    await scope.cleanup();
    await rm(secrets, { recursive: true, force: true });
  }, RUN_MS);

  it.each(ARCHES)(
    'starts on %s with a read-only root and secrets from files, and answers /health',
    async (arch) => {
      const { id, port } = await runService(
        scope,
        `lucid-e2e-image-${arch}`,
        images[arch],
        databases,
        secrets,
      );
      await waitHealthy(id, RUN_MS - 30_000);

      const { status, body } = await getJson(port, '/health');
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'ok', dependencies: { mongodb: 'up', redis: 'up' } });
    },
    RUN_MS,
  );

  it(
    'is pushed for both architectures under one manifest list and runs from the pushed digest',
    async () => {
      const reference = await publish('lucid/auth-service', 'e2e', [images.amd64, images.arm64]);
      expect(reference).toMatch(/^127\.0\.0\.1:\d+\/lucid\/auth-service@sha256:[0-9a-f]{64}$/);

      const list = JSON.parse(await docker(['manifest', 'inspect', '--insecure', reference])) as {
        manifests: { platform: { architecture: string } }[];
      };
      const platforms = list.manifests.map((m) => m.platform.architecture).sort();
      expect(platforms).toEqual(['amd64', 'arm64']);

      await docker(['pull', reference], 5 * 60_000);
      const pulled = await docker(['image', 'inspect', '-f', '{{.Id}}', reference]);
      expect(pulled).toBe(await docker(['image', 'inspect', '-f', '{{.Id}}', images.amd64]));

      const { id, port } = await runService(
        scope,
        'lucid-e2e-image-pushed',
        reference,
        databases,
        secrets,
      );
      await waitHealthy(id, RUN_MS - 60_000);
      expect((await getJson(port, '/health')).status).toBe(200);
    },
    RUN_MS,
  );
});
