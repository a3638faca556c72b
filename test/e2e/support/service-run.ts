import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { engine } from './engine.js';
import type { DockerScope } from './scope.js';

/** Test databases on one private network: FerretDB (no auth) and Redis (no password). */
export interface Databases {
  network: string;
  mongodbUri: string;
  redisUri: string;
}

/** Starts the stand-in databases from the offline images on a network of their own. */
export async function startDatabases(
  scope: DockerScope,
  prefix: string,
  images: { mongo: string; redis: string },
): Promise<Databases> {
  const network = `${prefix}-net`;
  await scope.createNetwork(network);

  const mongo = await scope.createContainer(`${prefix}-mongo`, {
    Image: images.mongo,
    Env: ['FERRETDB_TEST_ENABLE_NEW_AUTH=false'],
    HostConfig: { NetworkMode: network },
  });
  const redis = await scope.createContainer(`${prefix}-redis`, {
    Image: images.redis,
    Cmd: ['redis-server', '--protected-mode', 'no', '--save', ''],
    HostConfig: { NetworkMode: network },
  });
  await engine('POST', `/containers/${mongo}/start`);
  await engine('POST', `/containers/${redis}/start`);

  return {
    network,
    mongodbUri: `mongodb://${prefix}-mongo:27017/`,
    redisUri: `redis://${prefix}-redis:6379/`,
  };
}

/**
 * Writes the service's secrets as files (mode 0444) into a fresh host folder, to be mounted
 * read-only at /run/secrets: the image takes its secrets as files, never as values in its
 * environment.
 */
export async function secretFiles(databases: Databases): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'lucid-e2e-secrets-'));
  const files = {
    'mongodb-uri': databases.mongodbUri,
    'redis-uri': databases.redisUri,
    'key-encryption-secret': randomBytes(32).toString('base64url'),
  };
  for (const [name, content] of Object.entries(files)) {
    await writeFile(path.join(folder, name), content);
    await chmod(path.join(folder, name), 0o444);
  }
  await chmod(folder, 0o755);
  return folder;
}

/**
 * Runs the service image as production would: NODE_ENV=production, secrets from files,
 * read-only root with a tmpfs at /tmp, every capability dropped, published on an ephemeral
 * 127.0.0.1 port. `healthcheck` overrides fields of the image's own (the Engine API keeps
 * the image's values for fields left out). Returns the container id and the port.
 */
export async function runService(
  scope: DockerScope,
  name: string,
  image: string,
  databases: Databases,
  secretsFolder: string,
  healthcheck?: Record<string, unknown>,
): Promise<{ id: string; port: number }> {
  const id = await scope.createContainer(name, {
    Image: image,
    ...(healthcheck ? { Healthcheck: healthcheck } : {}),
    Env: [
      'PUBLIC_ORIGIN=https://auth.e2e.test',
      `MONGODB_DATABASE=e2e_${randomBytes(4).toString('hex')}`,
      'MONGODB_URI_FILE=/run/secrets/mongodb-uri',
      'REDIS_URI_FILE=/run/secrets/redis-uri',
      'KEY_ENCRYPTION_SECRET_FILE=/run/secrets/key-encryption-secret',
      'LOG_LEVEL=warn',
    ],
    HostConfig: {
      NetworkMode: databases.network,
      Binds: [`${secretsFolder}:/run/secrets:ro`],
      PortBindings: { '8089/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
      ReadonlyRootfs: true,
      Tmpfs: { '/tmp': 'rw,noexec,nosuid,size=16m' },
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges:true'],
    },
  });
  await engine('POST', `/containers/${id}/start`);

  const { NetworkSettings } = await engine<{
    NetworkSettings: { Ports: Record<string, { HostPort: string }[] | null> };
  }>('GET', `/containers/${id}/json`);
  const port = Number(NetworkSettings.Ports['8089/tcp']?.[0]?.HostPort);
  if (!port) throw new Error(`${name} has no published port`);
  return { id, port };
}

/** GET a path of the service through its published port; the body parsed as JSON. */
export async function getJson(port: number, path_: string) {
  const response = await fetch(`http://127.0.0.1:${port}${path_}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
