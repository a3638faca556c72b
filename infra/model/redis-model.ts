import type { StackConfig } from '../config/stack-config.js';
import type { FileModel, ServiceModel } from './app-model.js';
import { SECRETS_DIR } from './auth-service-model.js';

/** Port Redis listens on, reachable only on the internal network. */
export const REDIS_PORT = 6379;

/**
 * A Redis user that may run PING and nothing else, so the exec-form health check needs no
 * password on its command line (the default user's password stays in the config file).
 */
export const REDIS_HEALTH_USER = 'healthcheck';

/** The config file, which carries the password and therefore is a secret file. */
export const REDIS_FILES = {
  config: { id: 'redis.conf', path: `${SECRETS_DIR}/redis.conf`, secret: true },
} as const satisfies Record<string, FileModel>;

/** Builds Redis 7 as uid 999 with a password, append-only persistence and a memory cap. */
export function redisModel(config: StackConfig): ServiceModel {
  return {
    role: 'redis',
    name: 'lucid-redis',
    image: config.redisImage,
    port: REDIS_PORT,
    uid: 999,
    gid: 999,
    // The data directory is given here rather than in the file, so the file works anywhere.
    command: ['redis-server', REDIS_FILES.config.path, '--dir', '/data'],
    env: {},
    files: Object.values(REDIS_FILES),
    volumes: [
      {
        name: 'lucid-redis-data',
        mountPath: '/data',
        purpose: 'data',
        sizeGi: config.redisStorageGi,
      },
      { name: 'lucid-redis-secrets', mountPath: SECRETS_DIR, purpose: 'secrets' },
    ],
    memoryMb: config.redisMemoryMb,
    cpus: config.redisCpus,
    tmpfsSizeMb: 16,
    health: {
      exec: [
        'redis-cli',
        '--no-auth-warning',
        '--user',
        REDIS_HEALTH_USER,
        '--pass',
        REDIS_HEALTH_USER,
        'ping',
      ],
      intervalSeconds: 10,
      timeoutSeconds: 3,
      retries: 5,
      startPeriodSeconds: 10,
    },
    httpProbes: undefined,
  };
}

/**
 * redis.conf: password for the default user, an append-only file, and noeviction so
 * sessions and lockouts are refused rather than silently dropped when memory runs out.
 */
export function redisConfigFile(password: string, maxMemoryMb: number): string {
  const lines = [
    `port ${REDIS_PORT}`,
    'bind * -::*',
    'appendonly yes',
    'appendfsync everysec',
    `maxmemory ${maxMemoryMb}mb`,
    'maxmemory-policy noeviction',
    `requirepass ${password}`,
    `user ${REDIS_HEALTH_USER} on nopass -@all +ping`,
  ];
  return `${lines.join('\n')}\n`;
}
