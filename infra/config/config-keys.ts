/** One declared stack setting: its type, default and the description Pulumi.yaml repeats. */
export type ConfigKeySpec =
  | {
      readonly type: 'string';
      readonly default: string;
      readonly description: string;
      readonly allowed?: readonly string[];
      readonly pattern?: RegExp;
      readonly secret?: true;
    }
  | {
      readonly type: 'integer';
      readonly default: number;
      readonly description: string;
      readonly min: number;
      readonly max: number;
    }
  | { readonly type: 'boolean'; readonly default: boolean; readonly description: string };

const decimal = /^\d+(\.\d+)?$/;
// A registry digest (`repo@sha256:…`) or a local image id (`sha256:…`), never a bare tag.
const digestPinned = /^([^\s@]+@)?sha256:[0-9a-f]{64}$/;

/**
 * Every setting a stack reads, in the `lucid-auth` namespace. Pulumi.yaml declares the same
 * keys with the same defaults and descriptions (a test holds the two together).
 */
export const CONFIG_KEYS = {
  target: {
    type: 'string',
    default: 'docker',
    allowed: ['docker', 'kubernetes'],
    description:
      'Where the stack deploys: a Docker engine (dev, pi) or a Kubernetes cluster (k3s).',
  },
  platform: {
    type: 'string',
    default: '',
    allowed: ['', 'linux/amd64', 'linux/arm64'],
    description: 'Platform the service image is built for; empty builds for the engine itself.',
  },
  dockerHost: {
    type: 'string',
    default: '',
    description:
      'Docker engine to deploy to, e.g. ssh://pi@raspberrypi.local; empty uses DOCKER_HOST ' +
      'or the local socket.',
  },
  imageRepository: {
    type: 'string',
    default: 'lucid-auth-service',
    description:
      'Repository the service image is tagged with (registry host included when pushed).',
  },
  imageTag: {
    type: 'string',
    default: '1.0.0',
    pattern: /^(?!latest$)[\w][\w.-]{0,127}$/,
    description: 'Tag of the service image; never latest, since what runs is pinned by digest.',
  },
  imagePush: {
    type: 'boolean',
    default: false,
    description: 'Push the built image to registryServer and run it by its registry digest.',
  },
  imageRef: {
    type: 'string',
    default: '',
    pattern: /^$|^([^\s@]+@)?sha256:[0-9a-f]{64}$/,
    description: 'A prebuilt service image pinned by digest; when set nothing is built.',
  },
  registryServer: {
    type: 'string',
    default: '',
    description: 'Registry host[:port] the image is pushed to and pulled from; empty for none.',
  },
  registryUsername: {
    type: 'string',
    default: '',
    description: 'User name for registryServer; empty when the registry needs no login.',
  },
  registryPassword: {
    type: 'string',
    default: '',
    secret: true,
    description: 'Password for registryServer; set with `pulumi config set --secret`.',
  },
  mongodbImage: {
    type: 'string',
    default:
      'docker.io/library/mongo:7.0@sha256:' +
      '340c1c56fb10e95cf79ff547f8664b96bc6ead9909bc355238cbf865a9695a6f',
    pattern: digestPinned,
    description: 'MongoDB 7 image, pinned by digest.',
  },
  redisImage: {
    type: 'string',
    default:
      'docker.io/library/redis:7.4-bookworm@sha256:' +
      'c6eabf748fc7a61dbb5a705c78bcf3d6377b1127a97d0ce965c11c44ba46896f',
    pattern: digestPinned,
    description: 'Redis 7 image, pinned by digest.',
  },
  hostInterface: {
    type: 'string',
    default: '127.0.0.1',
    pattern: /^(?!0\.0\.0\.0$)(\d{1,3}\.){3}\d{1,3}$/,
    description: 'Host address the service port is published on (one interface, never 0.0.0.0).',
  },
  hostPort: {
    type: 'integer',
    default: 8089,
    min: 1024,
    max: 65535,
    description: 'Host port the service is published on.',
  },
  publicOrigin: {
    type: 'string',
    default: 'https://auth.lucid.local',
    pattern: /^https:\/\/[^\s/]+$/,
    description:
      'Origin people reach the service at (https, no path); wallets show its host when ' +
      "signing, and it is the access tokens' issuer.",
  },
  trustProxy: {
    type: 'string',
    default: 'false',
    pattern: /^(false|true|\d+|[\d.:/a-fA-F]+(,[\d.:/a-fA-F]+)*)$/,
    description:
      'Proxies trusted for the client address: false, true, a hop count, or a comma list ' +
      'of addresses or CIDRs (the TLS proxy in front of the service).',
  },
  restartPolicy: {
    type: 'string',
    default: 'unless-stopped',
    allowed: ['unless-stopped', 'on-failure'],
    description: 'Docker restart policy; on-failure is bounded by restartMaxRetries.',
  },
  restartMaxRetries: {
    type: 'integer',
    default: 5,
    min: 1,
    max: 5,
    description: 'Restart attempts when restartPolicy is on-failure.',
  },
  // The image caps V8's old generation at 192 MB (NODE_OPTIONS in service/Dockerfile); with
  // the young generation and Node's own memory the process can reach about 270 MB before V8
  // must collect, so a lower limit lets the kernel kill the service under load instead.
  authMemoryMb: {
    type: 'integer',
    default: 2048,
    min: 320,
    max: 65536,
    description: 'Memory limit of the auth service in MB (swap is not allowed).',
  },
  authCpus: {
    type: 'string',
    default: '2',
    pattern: decimal,
    description: 'CPU limit of the auth service.',
  },
  mongodbMemoryMb: {
    type: 'integer',
    default: 1024,
    min: 256,
    max: 65536,
    description: 'Memory limit of MongoDB in MB (swap is not allowed).',
  },
  mongodbCpus: {
    type: 'string',
    default: '1',
    pattern: decimal,
    description: 'CPU limit of MongoDB.',
  },
  mongodbCacheGb: {
    type: 'string',
    default: '0.25',
    pattern: decimal,
    description: 'WiredTiger cache size in GB; kept well under mongodbMemoryMb.',
  },
  mongodbStorageGi: {
    type: 'integer',
    default: 5,
    min: 1,
    max: 1024,
    description: 'Size of the MongoDB volume claim on Kubernetes, in GiB.',
  },
  redisMemoryMb: {
    type: 'integer',
    default: 256,
    min: 64,
    max: 65536,
    description: 'Memory limit of Redis in MB (swap is not allowed).',
  },
  redisCpus: {
    type: 'string',
    default: '0.5',
    pattern: decimal,
    description: 'CPU limit of Redis.',
  },
  redisMaxMemoryMb: {
    type: 'integer',
    default: 192,
    min: 16,
    max: 65536,
    description: 'Redis maxmemory in MB; below redisMemoryMb so Redis refuses writes, not dies.',
  },
  redisStorageGi: {
    type: 'integer',
    default: 1,
    min: 1,
    max: 1024,
    description: 'Size of the Redis volume claim on Kubernetes, in GiB.',
  },
  mongodbDatabase: {
    type: 'string',
    default: 'lucid_auth',
    pattern: /^[A-Za-z0-9_]{1,63}$/,
    description: 'Database the service uses; its MongoDB user may read and write only there.',
  },
  tronNetwork: {
    type: 'string',
    default: 'mainnet',
    allowed: ['mainnet', 'shasta', 'nile'],
    description: 'TRON network whose addresses the service accepts.',
  },
  logLevel: {
    type: 'string',
    default: 'info',
    allowed: ['fatal', 'error', 'warn', 'info', 'debug', 'trace'],
    description: 'Service log level.',
  },
  superAdminAddresses: {
    type: 'string',
    default: '',
    description: 'Comma-separated TRON addresses granted SUPER_ADMIN at sign-in.',
  },
  rateLimitUnauthenticated: {
    type: 'integer',
    default: 100,
    min: 1,
    max: 1_000_000,
    description: 'Requests per minute allowed to an unauthenticated client.',
  },
  rateLimitAuthenticated: {
    type: 'integer',
    default: 1000,
    min: 1,
    max: 1_000_000,
    description: 'Requests per minute allowed to a signed-in user.',
  },
  rateLimitAdmin: {
    type: 'integer',
    default: 10000,
    min: 1,
    max: 1_000_000,
    description: 'Requests per minute allowed to an administrator.',
  },
  lockoutMaxAttempts: {
    type: 'integer',
    default: 5,
    min: 1,
    max: 100,
    description: 'Failed sign-ins before an address is locked out.',
  },
  lockoutDurationMinutes: {
    type: 'integer',
    default: 15,
    min: 1,
    max: 10080,
    description: 'Minutes an address stays locked out.',
  },
  supportedHardwareWallets: {
    type: 'string',
    default: 'ledger,trezor,keepkey',
    pattern: /^[a-z]+(,[a-z]+)*$/,
    description: 'Comma-separated hardware wallet kinds the service accepts.',
  },
  hardwareWalletTimeout: {
    type: 'integer',
    default: 30,
    min: 1,
    max: 600,
    description: 'Seconds a hardware wallet has to sign a challenge.',
  },
  namespace: {
    type: 'string',
    default: 'lucid-auth',
    pattern: /^(?!default$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    description: 'Kubernetes namespace the stack creates (never default).',
  },
  ingressHost: {
    type: 'string',
    default: 'auth.lucid.local',
    pattern: /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/,
    description: 'Host name the Traefik Ingress routes to the service.',
  },
  replicas: {
    type: 'integer',
    default: 2,
    min: 1,
    max: 50,
    description: 'Service replicas on Kubernetes (the autoscaler minimum).',
  },
  maxReplicas: {
    type: 'integer',
    default: 4,
    min: 1,
    max: 100,
    description: 'Most service replicas the autoscaler may run.',
  },
  storageClass: {
    type: 'string',
    default: 'local-path',
    description: 'StorageClass of the MongoDB and Redis volume claims (k3s ships local-path).',
  },
} as const satisfies Record<string, ConfigKeySpec>;

/** The name of a declared stack setting. */
export type ConfigKey = keyof typeof CONFIG_KEYS;
