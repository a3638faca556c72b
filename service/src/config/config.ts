import { ConfigError } from './config-error.js';
import { int, list, oneOf, str, trustProxy, type TrustProxy } from './parse.js';
import { readSecret, type Env } from './secrets.js';
import { checkOrigin, checkSecretStrength, checkSuperAdmins } from './checks.js';
import { parseSupportedTypes, type HardwareWalletType } from '../hardware-wallets/device-types.js';
import type { Permission } from '../rbac/permissions.js';
import { parseStepUpActions } from '../rbac/step-up-actions.js';

/** Runtime environments; development and test relax the secret rules. */
export const NODE_ENVS = ['development', 'test', 'production'] as const;

/** TRON networks the sign-in message can name. */
export const TRON_NETWORKS = ['mainnet', 'shasta', 'nile'] as const;

/** pino levels accepted by LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The service's validated settings, read once at start. */
export interface Config {
  serviceName: string;
  serviceVersion: string;
  host: string;
  port: number;
  logLevel: (typeof LOG_LEVELS)[number];
  nodeEnv: (typeof NODE_ENVS)[number];
  mongodbUri: string;
  mongodbDatabase: string;
  redisUri: string;
  /** Prepended to every Redis key and channel, so deployments and suites can share a server. */
  redisKeyPrefix: string;
  keyEncryptionSecret: string;
  accessTokenExpireMinutes: number;
  refreshTokenExpireDays: number;
  challengeExpireSeconds: number;
  signingKeyRotationHours: number;
  tronNetwork: (typeof TRON_NETWORKS)[number];
  /** Scheme, host and port only; the sign-in message's domain and URI come from it. */
  publicOrigin: string;
  trustProxy: TrustProxy;
  rateLimitUnauthenticated: number;
  rateLimitAuthenticated: number;
  rateLimitAdmin: number;
  lockoutMaxAttempts: number;
  lockoutWindowMinutes: number;
  lockoutDurationMinutes: number;
  supportedHardwareWallets: HardwareWalletType[];
  /** Seconds a hardware-wallet challenge stays open. */
  hardwareWalletTimeout: number;
  superAdminAddresses: string[];
  stepUpRequiredActions: Permission[];
  /** Minutes a hardware-wallet verification keeps a session stepped up. */
  stepUpWindowMinutes: number;
  auditRetentionDays: number;
}

// Only for development and test, where no deployment delivers a secret; refused elsewhere.
const DEVELOPMENT_KEY_SECRET = 'development-only-key-encryption-secret-not-for-production';

const DAY_MINUTES = 24 * 60;

/**
 * Reads and validates the environment. Throws a ConfigError naming the first bad variable;
 * outside development and test, missing or weak secrets are refused.
 */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', 'production', NODE_ENVS);
  const relaxed = nodeEnv !== 'production';
  const host = str(env, 'HOST', '127.0.0.1');
  const port = int(env, 'PORT', 8089, 0, 65_535);

  const required = (name: string, devFallback: string): string => {
    const value = readSecret(env, name);
    if (value !== undefined) return value;
    if (relaxed) return devFallback;
    throw new ConfigError(name, `required when NODE_ENV=${nodeEnv} (or set ${name}_FILE)`);
  };

  const keyEncryptionSecret = required('KEY_ENCRYPTION_SECRET', DEVELOPMENT_KEY_SECRET);
  checkSecretStrength('KEY_ENCRYPTION_SECRET', keyEncryptionSecret, relaxed);

  const accessTokenExpireMinutes = int(env, 'ACCESS_TOKEN_EXPIRE_MINUTES', 15, 1, DAY_MINUTES);
  const signingKeyRotationHours = int(env, 'SIGNING_KEY_ROTATION_HOURS', 24, 1, 24 * 365);
  if (signingKeyRotationHours * 60 < accessTokenExpireMinutes) {
    // A retired key stays published for one period; shorter periods would orphan live tokens.
    throw new ConfigError(
      'SIGNING_KEY_ROTATION_HOURS',
      'must be at least ACCESS_TOKEN_EXPIRE_MINUTES, or tokens outlive their key',
    );
  }

  const publicOrigin = checkOrigin(
    'PUBLIC_ORIGIN',
    str(env, 'PUBLIC_ORIGIN', relaxed ? `http://${host}:${port}` : ''),
    relaxed,
  );

  const superAdminAddresses = list(env, 'SUPER_ADMIN_ADDRESSES', []);
  checkSuperAdmins('SUPER_ADMIN_ADDRESSES', superAdminAddresses);

  return {
    serviceName: str(env, 'SERVICE_NAME', 'lucid-auth-service'),
    serviceVersion: str(env, 'SERVICE_VERSION', '1.0.0'),
    host,
    port,
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', LOG_LEVELS),
    nodeEnv,
    mongodbUri: required('MONGODB_URI', 'mongodb://127.0.0.1:27017/'),
    mongodbDatabase: str(env, 'MONGODB_DATABASE', 'lucid_auth'),
    redisUri: required('REDIS_URI', 'redis://127.0.0.1:6379/'),
    redisKeyPrefix: str(env, 'REDIS_KEY_PREFIX', 'lucid-auth:'),
    keyEncryptionSecret,
    accessTokenExpireMinutes,
    refreshTokenExpireDays: int(env, 'REFRESH_TOKEN_EXPIRE_DAYS', 7, 1, 365),
    challengeExpireSeconds: int(env, 'CHALLENGE_EXPIRE_SECONDS', 300, 30, 3_600),
    signingKeyRotationHours,
    tronNetwork: oneOf(env, 'TRON_NETWORK', 'mainnet', TRON_NETWORKS),
    publicOrigin,
    trustProxy: trustProxy(env, 'TRUST_PROXY'),
    rateLimitUnauthenticated: int(env, 'RATE_LIMIT_UNAUTHENTICATED', 100, 1, 1_000_000_000),
    rateLimitAuthenticated: int(env, 'RATE_LIMIT_AUTHENTICATED', 1_000, 1, 1_000_000_000),
    rateLimitAdmin: int(env, 'RATE_LIMIT_ADMIN', 10_000, 1, 1_000_000_000),
    lockoutMaxAttempts: int(env, 'LOCKOUT_MAX_ATTEMPTS', 5, 1, 1_000),
    lockoutWindowMinutes: int(env, 'LOCKOUT_WINDOW_MINUTES', 15, 1, DAY_MINUTES),
    lockoutDurationMinutes: int(env, 'LOCKOUT_DURATION_MINUTES', 15, 1, DAY_MINUTES),
    supportedHardwareWallets: parseSupportedTypes(
      list(env, 'SUPPORTED_HARDWARE_WALLETS', ['ledger', 'trezor', 'keepkey']),
    ),
    hardwareWalletTimeout: int(env, 'HARDWARE_WALLET_TIMEOUT', 30, 5, 600),
    superAdminAddresses,
    stepUpRequiredActions: parseStepUpActions(list(env, 'STEP_UP_REQUIRED_ACTIONS', [])),
    stepUpWindowMinutes: int(env, 'STEP_UP_WINDOW_MINUTES', 5, 1, 60),
    auditRetentionDays: int(env, 'AUDIT_RETENTION_DAYS', 90, 1, 3_650),
  };
}
