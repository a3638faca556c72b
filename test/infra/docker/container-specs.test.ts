import { describe, expect, it } from 'vitest';

import { dockerContainerSpecs } from '../../../infra/docker/container-specs.js';
import type { SecretValues } from '../../../infra/model/app-model.js';
import { fileContents } from '../../../infra/model/file-contents.js';
import { stackModel } from '../../../infra/testing/stack-model.js';

const SECRETS: SecretValues = {
  mongodbRootPassword: 'root-pw-0123456789abcdef0123456789',
  mongodbAppPassword: 'app-pw-0123456789abcdef0123456789a',
  redisPassword: 'redis-pw-0123456789abcdef012345678',
  keyEncryptionSecret: 'kek-0123456789abcdef0123456789abcdef0123456789ab',
};
const AUTH_IMAGE = `127.0.0.1:5000/lucid/auth@sha256:${'a'.repeat(64)}`;

function devSpecs() {
  const model = stackModel('dev');
  return dockerContainerSpecs(model, {
    authImage: AUTH_IMAGE,
    files: fileContents(model, SECRETS),
  });
}

function container(role: 'auth' | 'mongodb' | 'redis') {
  const spec = devSpecs().containers.find((c) => c.role === role);
  if (!spec) throw new Error(`no ${role} container`);
  return spec;
}

describe('dockerContainerSpecs for the dev stack', () => {
  it('names the networks and puts only the auth service on the published one', () => {
    const specs = devSpecs();

    expect(specs.networks).toEqual([
      { name: 'lucid-dev', internal: false },
      { name: 'lucid-dev-internal', internal: true },
    ]);
    expect(container('auth').networks.map((n) => n.name)).toEqual([
      'lucid-dev',
      'lucid-dev-internal',
    ]);
    expect(container('mongodb').networks.map((n) => n.name)).toEqual(['lucid-dev-internal']);
    expect(container('redis').networks.map((n) => n.name)).toEqual(['lucid-dev-internal']);
  });

  it('publishes 8089 on 127.0.0.1 for the auth service and nothing for the databases', () => {
    expect(container('auth').ports).toEqual([
      { internal: 8089, external: 8089, ip: '127.0.0.1', protocol: 'tcp' },
    ]);
    expect(container('mongodb').ports).toEqual([]);
    expect(container('redis').ports).toEqual([]);
  });

  it('runs the auth service hardened: uid 65532, read-only root, no capabilities, init', () => {
    const auth = container('auth');

    expect(auth.name).toBe('lucid-auth-service');
    expect(auth.image).toBe(AUTH_IMAGE);
    expect(auth.user).toBe('65532:65532');
    expect(auth.readOnly).toBe(true);
    expect(auth.tmpfs).toEqual({ '/tmp': 'rw,noexec,nosuid,nodev,size=64m' });
    expect(auth.capabilities).toEqual({ drops: ['ALL'], adds: [] });
    expect(auth.securityOpts).toEqual(['no-new-privileges:true']);
    expect(auth.init).toBe(true);
    expect(auth.privileged).toBe(false);
  });

  it('limits the auth service to 2 GB without swap and 2 CPUs', () => {
    const auth = container('auth');

    expect(auth.memory).toBe(2048);
    expect(auth.memorySwap).toBe(2048);
    expect(auth.cpus).toBe('2');
  });

  it('checks health in exec form with the image script, and rotates logs', () => {
    const auth = container('auth');

    expect(auth.healthcheck.tests).toEqual(['CMD', '/nodejs/bin/node', '/app/healthcheck.js']);
    expect(auth.logDriver).toBe('local');
    expect(auth.logOpts).toEqual({ 'max-file': '3', 'max-size': '10m' });
    expect(auth.restart).toBe('unless-stopped');
    for (const spec of devSpecs().containers) expect(spec.healthcheck.tests[0]).toBe('CMD');
  });

  it('bounds restarts when the stack asks for on-failure instead of unless-stopped', () => {
    const model = stackModel('dev', { restartPolicy: 'on-failure', restartMaxRetries: '4' });
    const specs = dockerContainerSpecs(model, {
      authImage: AUTH_IMAGE,
      files: fileContents(model, SECRETS),
    });

    for (const spec of specs.containers) {
      expect([spec.name, spec.restart, spec.maxRetryCount]).toEqual([spec.name, 'on-failure', 4]);
    }
    for (const spec of devSpecs().containers) expect(spec.maxRetryCount).toBeUndefined();
  });

  it('gives the service its settings by env and its secrets only as files', () => {
    const auth = container('auth');
    const env: Record<string, string> = {};
    for (const pair of auth.envs) {
      const at = pair.indexOf('=');
      env[pair.slice(0, at)] = pair.slice(at + 1);
    }

    expect(env).toMatchObject({
      HOST: '0.0.0.0',
      PORT: '8089',
      NODE_ENV: 'production',
      MONGODB_URI_FILE: '/run/secrets/mongodb-uri',
      REDIS_URI_FILE: '/run/secrets/redis-uri',
      KEY_ENCRYPTION_SECRET_FILE: '/run/secrets/key-encryption-secret',
      MONGODB_DATABASE: 'lucid_auth',
    });
    const everyEnv = devSpecs()
      .containers.flatMap((c) => c.envs)
      .join('\n');
    for (const secret of Object.values(SECRETS)) expect(everyEnv).not.toContain(secret);

    const uploads = Object.fromEntries(auth.uploads.map((u) => [u.file, u.content]));
    expect(uploads['/run/secrets/mongodb-uri']).toBe(
      `mongodb://lucid_auth_app:${SECRETS.mongodbAppPassword}@lucid-mongodb:27017/lucid_auth` +
        '?authSource=lucid_auth',
    );
    expect(uploads['/run/secrets/redis-uri']).toBe(
      `redis://:${SECRETS.redisPassword}@lucid-redis:6379/0`,
    );
    expect(uploads['/run/secrets/key-encryption-secret']).toBe(SECRETS.keyEncryptionSecret);
  });

  it('uploads files only under volume mounts, since the root filesystem is read-only', () => {
    for (const spec of devSpecs().containers) {
      const mounts = spec.volumes.map((v) => v.containerPath);
      for (const upload of spec.uploads) {
        expect(
          mounts.some((m) => upload.file.startsWith(`${m}/`)),
          upload.file,
        ).toBe(true);
      }
    }
  });

  it('runs MongoDB as 999 with its root password from a file and an app-user script', () => {
    const mongodb = container('mongodb');
    const uploads = Object.fromEntries(mongodb.uploads.map((u) => [u.file, u.content]));

    expect(mongodb.user).toBe('999:999');
    expect(mongodb.envs).toContain('MONGO_INITDB_ROOT_PASSWORD_FILE=/run/secrets/root-password');
    expect(uploads['/run/secrets/root-password']).toBe(SECRETS.mongodbRootPassword);
    expect(uploads['/docker-entrypoint-initdb.d/10-create-app-user.js']).toContain(
      'roles: [{ role: \'readWrite\', db: "lucid_auth" }]',
    );
    expect(mongodb.volumes).toContainEqual({
      volumeName: 'lucid-mongodb-data',
      containerPath: '/data/db',
    });
  });

  it('runs Redis as 999 from a config file that requires the password and appends', () => {
    const redis = container('redis');
    const conf = String(redis.uploads[0]?.content);

    expect(redis.user).toBe('999:999');
    expect(redis.command).toEqual(['redis-server', '/run/secrets/redis.conf', '--dir', '/data']);
    expect(conf).toContain(`requirepass ${SECRETS.redisPassword}\n`);
    expect(conf).toContain('appendonly yes\n');
    expect(redis.healthcheck.tests.join(' ')).not.toContain(SECRETS.redisPassword);
  });
});
