import type {
  ContainerProps,
  ImageProps,
  NetworkProps,
  RemoteImageProps,
} from '../../../policies/lib/types.js';

/** A sha256 digest made of one repeated hex digit, so fixtures stay readable. */
export function digest(hex: string): string {
  return `sha256:${hex.repeat(64)}`;
}

/** Image references the fixtures run. */
export const IMAGES = {
  auth: `registry.local:5000/lucid/auth-service@${digest('c')}`,
  mongo: `docker.io/library/mongo:7.0@${digest('d')}`,
  redis: `docker.io/library/redis:7.4-bookworm@${digest('e')}`,
};

/** The Dockerfile directory of the compliant build, relative to the repository root. */
export const GOOD_CONTEXT = 'test/policies/fixtures/dockerfiles/good';

/** A compliant auth service container, shaped like the dev stack's. */
export function authContainer(): ContainerProps {
  return {
    name: 'lucid-auth-service',
    image: IMAGES.auth,
    user: '65532:65532',
    envs: [
      'ACCESS_TOKEN_TTL=900',
      'KEY_ENCRYPTION_SECRET_FILE=/run/secrets/key-encryption-secret',
      'MONGODB_URI_FILE=/run/secrets/mongodb-uri',
      'NODE_ENV=production',
      'PORT=8089',
    ],
    volumes: [{ volumeName: 'lucid-auth-secrets', containerPath: '/run/secrets' }],
    networksAdvanced: [{ name: 'lucid-dev' }, { name: 'lucid-dev-internal' }],
    ports: [{ internal: 8089, external: 8089, ip: '127.0.0.1', protocol: 'tcp' }],
    memory: 2048,
    memorySwap: 2048,
    cpus: '2',
    readOnly: true,
    tmpfs: { '/tmp': 'rw,noexec,nosuid,nodev,size=64m' },
    capabilities: { drops: ['ALL'], adds: [] },
    securityOpts: ['no-new-privileges:true'],
    ipcMode: 'private',
    init: true,
    restart: 'unless-stopped',
    logDriver: 'local',
    logOpts: { 'max-file': '3', 'max-size': '10m' },
    healthcheck: {
      tests: ['CMD', '/nodejs/bin/node', '/app/healthcheck.js'],
      interval: '5s',
      timeout: '3s',
      retries: 3,
      startPeriod: '15s',
    },
  };
}

/** A compliant MongoDB container: uid 999 by the default exception, nothing published. */
export function mongoContainer(): ContainerProps {
  return {
    ...authContainer(),
    name: 'lucid-mongodb',
    image: IMAGES.mongo,
    user: '999:999',
    envs: ['MONGO_INITDB_ROOT_PASSWORD_FILE=/run/secrets/root-password'],
    volumes: [{ volumeName: 'lucid-mongodb-data', containerPath: '/data/db' }],
    networksAdvanced: [{ name: 'lucid-dev-internal' }],
    ports: [],
    memory: 1024,
    memorySwap: 1024,
    cpus: '1',
    healthcheck: {
      tests: ['CMD', 'mongosh', '--quiet', '--norc', '--eval', "db.adminCommand('ping').ok"],
      interval: '10s',
      timeout: '5s',
      retries: 5,
    },
  };
}

/** A compliant Redis container. */
export function redisContainer(): ContainerProps {
  return {
    ...mongoContainer(),
    name: 'lucid-redis',
    image: IMAGES.redis,
    envs: [],
    volumes: [{ volumeName: 'lucid-redis-data', containerPath: '/data' }],
    healthcheck: {
      tests: ['CMD', 'redis-cli', 'ping'],
      interval: '10s',
      timeout: '5s',
      retries: 5,
    },
  };
}

/** A compliant build of the service image for the Pi. */
export function serviceImage(): ImageProps {
  return {
    imageName: 'registry.local:5000/lucid/auth-service:1.0.0',
    build: { context: GOOD_CONTEXT, platform: 'linux/arm64' },
  };
}

/** A compliant pull of the MongoDB image for the Pi. */
export function mongoRemoteImage(): RemoteImageProps {
  return { name: IMAGES.mongo, platform: 'linux/arm64' };
}

/** The internal network the datastores live on. */
export function internalNetwork(): NetworkProps {
  return { name: 'lucid-dev-internal', internal: true };
}

/** The network the service is published from. */
export function publicNetwork(): NetworkProps {
  return { name: 'lucid-dev' };
}
