import { existsSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { CONFIG_KEYS } from '../../../infra/config/config-keys.js';
import { InfraConfigError } from '../../../infra/config/config-error.js';
import { mapConfigSource, readStackConfig } from '../../../infra/config/stack-config.js';
import { listStacks, readStackSettings, REPO_ROOT } from '../../../infra/testing/stack-files.js';

const read = (map: Record<string, string>) => readStackConfig(mapConfigSource(map));

function errorOf(map: Record<string, string>): InfraConfigError {
  try {
    read(map);
  } catch (error) {
    if (error instanceof InfraConfigError) return error;
    throw error;
  }
  throw new Error('expected the config to be refused');
}

describe('readStackConfig', () => {
  it('gives every key its declared default when the stack sets nothing', () => {
    const config = read({});

    expect(config.target).toBe('docker');
    expect(config.hostPort).toBe(8089);
    expect(config.imagePush).toBe(false);
    expect(config.authMemoryMb).toBe(2048);
    expect(config.authCpus).toBe('2');
    expect(config.hostInterface).toBe('127.0.0.1');
  });

  it('parses integers and booleans from their config text', () => {
    const config = read({
      hostPort: '9000',
      imagePush: 'true',
      registryServer: 'r:5000',
      imageRepository: 'r:5000/lucid/auth',
    });

    expect(config.hostPort).toBe(9000);
    expect(config.imagePush).toBe(true);
  });

  it('refuses a value outside its choices, naming the key', () => {
    const error = errorOf({ target: 'swarm' });

    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe('lucid-auth:target must be one of "docker", "kubernetes"');
  });

  it('refuses an integer out of range, naming the key and the range', () => {
    expect(errorOf({ hostPort: '80' }).message).toBe(
      'lucid-auth:hostPort must be an integer from 1024 to 65535, got "80"',
    );
  });

  it('refuses a memory limit below what the image heap cap lets the service reach', () => {
    expect(errorOf({ authMemoryMb: '256' }).message).toBe(
      'lucid-auth:authMemoryMb must be an integer from 320 to 65536, got "256"',
    );
  });

  it('refuses publishing on every interface', () => {
    expect(errorOf({ hostInterface: '0.0.0.0' }).message).toMatch(/^lucid-auth:hostInterface/);
  });

  it('refuses database images that are not pinned by digest', () => {
    expect(errorOf({ mongodbImage: 'mongo:7.0' }).message).toMatch(/^lucid-auth:mongodbImage/);
    expect(errorOf({ redisImage: 'redis:latest' }).message).toMatch(/^lucid-auth:redisImage/);
  });

  it('refuses the latest tag for the service image', () => {
    expect(errorOf({ imageTag: 'latest' }).message).toMatch(/^lucid-auth:imageTag/);
  });

  it('refuses pushing without a registry, or to a repository outside it', () => {
    expect(errorOf({ imagePush: 'true' }).message).toBe(
      'lucid-auth:imagePush needs lucid-auth:registryServer',
    );
    expect(errorOf({ imagePush: 'true', registryServer: 'r:5000' }).message).toBe(
      'lucid-auth:imageRepository must start with registryServer/ when pushing',
    );
  });

  it('refuses a Kubernetes target whose nodes could not pull the image', () => {
    expect(errorOf({ target: 'kubernetes' }).message).toMatch(
      /^lucid-auth:target kubernetes needs imagePush true or an imageRef with a registry/,
    );
  });

  it('refuses a remote engine that would never receive a locally built image', () => {
    expect(errorOf({ dockerHost: 'ssh://pi@raspberrypi.local' }).message).toMatch(
      /^lucid-auth:dockerHost names another engine, so it needs imagePush true/,
    );
  });

  it('accepts a prebuilt image pinned by registry digest or by local image id', () => {
    const digest = 'a'.repeat(64);

    expect(read({ imageRef: `r:5000/lucid/auth@sha256:${digest}` }).imageRef).toContain('@');
    expect(read({ imageRef: `sha256:${digest}` }).imageRef).toBe(`sha256:${digest}`);
    expect(errorOf({ imageRef: 'r:5000/lucid/auth:1.0.0' }).message).toMatch(
      /^lucid-auth:imageRef/,
    );
  });

  it('refuses a Redis memory cap at or above its container limit', () => {
    expect(errorOf({ redisMaxMemoryMb: '256' }).message).toBe(
      'lucid-auth:redisMaxMemoryMb must be below redisMemoryMb',
    );
  });
});

describe('Pulumi.yaml', () => {
  const project = parse(readFileSync(`${REPO_ROOT}/Pulumi.yaml`, 'utf8')) as {
    name: string;
    config: Record<string, { type: string; description: string; default: unknown }>;
  };

  it('declares exactly the keys the program reads, with the same types and defaults', () => {
    expect(Object.keys(project.config).sort()).toEqual(Object.keys(CONFIG_KEYS).sort());
    for (const [key, spec] of Object.entries(CONFIG_KEYS)) {
      expect(project.config[key], key).toEqual({
        type: spec.type,
        description: spec.description,
        default: spec.default,
      });
    }
  });

  it('runs stacks/index.ts as TypeScript ES modules through tsx', () => {
    const runtime = (project as unknown as { runtime: unknown; main: string }).runtime;

    expect(runtime).toEqual({
      name: 'nodejs',
      options: { typescript: false, nodeargs: '--import=tsx' },
    });
    expect((project as unknown as { main: string }).main).toBe('stacks/index.ts');
    expect(existsSync(`${REPO_ROOT}/stacks/index.ts`)).toBe(true);
    expect(existsSync(`${REPO_ROOT}/node_modules/tsx/package.json`)).toBe(true);
  });

  it('names the project after the config namespace the program reads', () => {
    expect(project.name).toBe('lucid-auth');
  });

  it('has stack files whose values all pass the typed reader', () => {
    expect(listStacks()).toEqual(['dev', 'k3s', 'pi']);
    for (const stack of listStacks()) {
      const settings = readStackSettings(stack);
      const bare = Object.fromEntries(
        Object.entries(settings.config)
          .filter(([key]) => key.startsWith('lucid-auth:'))
          .map(([key, value]) => [key.slice('lucid-auth:'.length), value]),
      );
      expect(() => read(bare), stack).not.toThrow();
    }
  });
});
