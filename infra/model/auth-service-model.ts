import type { StackConfig } from '../config/stack-config.js';
import type { FileModel, ServiceModel } from './app-model.js';

/** Port the service listens on inside its container (cluster 09 of the Lucid platform). */
export const AUTH_PORT = 8089;

/** Where every service finds its secret files. */
export const SECRETS_DIR = '/run/secrets';

/** Files the auth service reads; the env names them through *_FILE variables. */
export const AUTH_FILES = {
  mongodbUri: { id: 'mongodb-uri', path: `${SECRETS_DIR}/mongodb-uri`, secret: true },
  redisUri: { id: 'redis-uri', path: `${SECRETS_DIR}/redis-uri`, secret: true },
  keyEncryptionSecret: {
    id: 'key-encryption-secret',
    path: `${SECRETS_DIR}/key-encryption-secret`,
    secret: true,
  },
} as const satisfies Record<string, FileModel>;

/**
 * The health check the image declares: distroless has no shell, curl or wget, so a small
 * Node script probes the local health endpoint (exec form, node is not on PATH).
 */
export const AUTH_HEALTH_EXEC = ['/nodejs/bin/node', '/app/healthcheck.js'] as const;

/** Builds the auth service: non-root 65532, secrets as files, limits from config. */
export function authServiceModel(config: StackConfig): ServiceModel {
  return {
    role: 'auth',
    name: 'lucid-auth-service',
    image: config.imageRef,
    port: AUTH_PORT,
    uid: 65532,
    gid: 65532,
    command: undefined,
    env: authEnv(config),
    files: Object.values(AUTH_FILES),
    volumes: [{ name: 'lucid-auth-secrets', mountPath: SECRETS_DIR, purpose: 'secrets' }],
    memoryMb: config.authMemoryMb,
    cpus: config.authCpus,
    tmpfsSizeMb: 64,
    // The image's own HEALTHCHECK (every 10 s, 20 s to start) suits any engine; a deployment
    // checks twice as often, so `pulumi up` and a restart see the container healthy sooner.
    health: {
      exec: AUTH_HEALTH_EXEC,
      intervalSeconds: 5,
      timeoutSeconds: 3,
      retries: 3,
      startPeriodSeconds: 15,
    },
    // Liveness asks only whether the process serves; readiness also needs MongoDB and Redis,
    // so a database outage takes replicas out of the Service instead of restarting them.
    httpProbes: { startup: '/health/live', readiness: '/health/ready', liveness: '/health/live' },
  };
}

function authEnv(config: StackConfig): Record<string, string> {
  return {
    HOST: '0.0.0.0',
    PORT: String(AUTH_PORT),
    NODE_ENV: 'production',
    PUBLIC_ORIGIN: config.publicOrigin,
    TRUST_PROXY: config.trustProxy,
    TRON_NETWORK: config.tronNetwork,
    LOG_LEVEL: config.logLevel,
    MONGODB_URI_FILE: AUTH_FILES.mongodbUri.path,
    MONGODB_DATABASE: config.mongodbDatabase,
    REDIS_URI_FILE: AUTH_FILES.redisUri.path,
    KEY_ENCRYPTION_SECRET_FILE: AUTH_FILES.keyEncryptionSecret.path,
    SUPER_ADMIN_ADDRESSES: config.superAdminAddresses,
    RATE_LIMIT_UNAUTHENTICATED: String(config.rateLimitUnauthenticated),
    RATE_LIMIT_AUTHENTICATED: String(config.rateLimitAuthenticated),
    RATE_LIMIT_ADMIN: String(config.rateLimitAdmin),
    LOCKOUT_MAX_ATTEMPTS: String(config.lockoutMaxAttempts),
    LOCKOUT_DURATION_MINUTES: String(config.lockoutDurationMinutes),
    SUPPORTED_HARDWARE_WALLETS: config.supportedHardwareWallets,
    HARDWARE_WALLET_TIMEOUT: String(config.hardwareWalletTimeout),
  };
}
