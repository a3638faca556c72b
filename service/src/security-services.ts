import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type { Db } from 'mongodb';

import type { AuditLog } from './audit/audit-log.js';
import { ensureAuditIndexes, schedulePurge } from './audit/audit-retention.js';
import { chainIdOf } from './challenge/chains.js';
import type { Clock } from './clock.js';
import type { Config } from './config/config.js';
import { ChallengeStore } from './hardware-wallets/challenge-store.js';
import { HardwareWalletService } from './hardware-wallets/service.js';
import { StepUpStore } from './hardware-wallets/step-up.js';
import { WalletStore } from './hardware-wallets/wallet-store.js';
import { SignInLockout } from './lockout/lockout.js';
import type { RecoveryBackend } from './tron/recovery-backend.js';
import { recoverSigner } from './tron/tip191.js';
import { Profiles, type UserRecord } from './users/profile.js';
import type { ProfileCache } from './users/profile-cache.js';
import { RoleChanges } from './users/role-changes.js';
import { RoleLock } from './users/role-lock.js';

/** Accounts, roles, step-up, lockout and audit retention: what issue 4 adds to Services. */
export interface SecurityServices {
  lockout: SignInLockout;
  stepUps: StepUpStore;
  hardwareWallets: HardwareWalletService;
  profiles: Profiles;
  roleChanges: RoleChanges;
  /** Stops the periodic audit purge; called on close. */
  stopAuditPurge: () => void;
}

/** What createSecurityServices needs from the core services. */
export interface SecurityInputs {
  config: Config;
  clock: Clock;
  log: FastifyBaseLogger;
  redis: Redis;
  db: Db;
  audit: AuditLog;
  recovery: RecoveryBackend;
  profileCache: ProfileCache<UserRecord | null>;
}

const PURGE_INTERVAL_MS = 60 * 60 * 1000;
// Longer than MongoDB's 3 s server selection and socket timeouts, so work under the lock
// fails before its lease can lapse.
const ROLE_LOCK_LEASE_MS = 15_000;

/** Builds the issue-4 services, creates their indexes and bootstraps the first SUPER_ADMINs. */
export async function createSecurityServices(inputs: SecurityInputs): Promise<SecurityServices> {
  const { config, clock, log, redis, db, audit, recovery, profileCache } = inputs;
  const prefix = config.redisKeyPrefix;
  const now = () => new Date(clock());

  const wallets = new WalletStore(db);
  const retention = await ensureAuditIndexes(audit.collection, config.auditRetentionDays);
  await wallets.ensureIndexes();
  if (!retention.ttlIndex) {
    log.info('MongoDB server has no TTL indexes; the hourly purge enforces audit retention');
  }

  const stepUps = new StepUpStore(redis, prefix);
  const hardwareWallets = new HardwareWalletService({
    wallets,
    challenges: new ChallengeStore(redis, prefix),
    stepUps,
    message: {
      domain: new URL(config.publicOrigin).host,
      uri: config.publicOrigin,
      chainId: chainIdOf(config.tronNetwork),
    },
    supportedTypes: config.supportedHardwareWallets,
    timeoutSeconds: config.hardwareWalletTimeout,
    stepUpSeconds: config.stepUpWindowMinutes * 60,
    recoverAddress: (message, signature) =>
      Promise.resolve(recoverSigner(recovery, message, signature)?.base58),
    now,
  });

  const roleLock = new RoleLock(redis, prefix, ROLE_LOCK_LEASE_MS);
  const roleChanges = new RoleChanges(db, roleLock, (id) => profileCache.changed(id));
  const promoted = await roleChanges.bootstrap(config.superAdminAddresses, now());
  if (promoted > 0) log.info({ promoted }, 'bootstrapped SUPER_ADMIN accounts');

  const stopAuditPurge = schedulePurge({
    collection: audit.collection,
    retentionDays: config.auditRetentionDays,
    intervalMs: PURGE_INTERVAL_MS,
    onRun: (result) => {
      if ('error' in result) log.warn({ err: result.error }, 'audit purge failed');
      else if (result.deleted > 0) log.info({ deleted: result.deleted }, 'audit purge');
    },
  });

  return {
    lockout: new SignInLockout(redis, {
      prefix,
      maxFailures: config.lockoutMaxAttempts,
      windowSeconds: config.lockoutWindowMinutes * 60,
      lockSeconds: config.lockoutDurationMinutes * 60,
    }),
    stepUps,
    hardwareWallets,
    profiles: new Profiles(db, profileCache),
    roleChanges,
    stopAuditPurge,
  };
}
