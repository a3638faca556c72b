import type { FastifyBaseLogger } from 'fastify';

import { AccountStore } from './accounts/account-store.js';
import { AuditLog } from './audit/audit-log.js';
import { Authenticator } from './auth/authenticator.js';
import { RevocationFeed } from './auth/revocation-feed.js';
import { SignIn } from './auth/sign-in.js';
import { chainIdOf } from './challenge/chains.js';
import { ChallengeStore } from './challenge/challenge-store.js';
import type { Clock } from './clock.js';
import type { Config } from './config/config.js';
import { connectMongo, type Mongo } from './db/mongo.js';
import { connectRedis } from './db/redis.js';
import { createMetrics } from './plugins/metrics.js';
import { createSecurityServices } from './security-services.js';
import type { Services } from './services.js';
import { SessionActivity } from './sessions/session-activity.js';
import { SessionState } from './sessions/session-state.js';
import { SessionStore } from './sessions/session-store.js';
import { Sessions } from './sessions/sessions.js';
import { AccessTokens } from './tokens/access-tokens.js';
import { KeyEncryption } from './tokens/key-encryption.js';
import { KeyRing } from './tokens/key-ring.js';
import { ProfileCache } from './users/profile-cache.js';
import type { UserRecord } from './users/profile.js';
import { loadRecoveryBackend } from './tron/recovery-backend.js';

/** What createServices needs. */
export interface ServiceInputs {
  config: Config;
  clock: Clock;
  log: FastifyBaseLogger;
  secp256k1?: 'native' | 'wasm';
}

// Access tokens verified recently; each entry is a few hundred bytes.
const TOKEN_CACHE_SIZE = 10_000;

// A session's "last used" is written at most once a minute, whatever the request rate.
const SESSION_USE_INTERVAL_MS = 60_000;

// Accounts read recently, and how long a copy is trusted should an announcement be lost.
const PROFILE_CACHE_SIZE = 10_000;
const PROFILE_CACHE_TTL_MS = 60_000;

/** Token audience: every Lucid service accepts tokens for this name. */
export const TOKEN_AUDIENCE = 'lucid';

/** Connects the stores and builds the domain services, closing what opened on failure. */
export async function createServices(inputs: ServiceInputs): Promise<Services> {
  const { config, clock, log } = inputs;
  const recovery = await loadRecoveryBackend(inputs.secp256k1);

  const mongo = await connectMongo(config);
  let redis: Awaited<ReturnType<typeof connectRedis>> | undefined;
  let revocations: RevocationFeed | undefined;
  try {
    redis = await connectRedis(config, log);

    const keyRing = new KeyRing({
      db: mongo.db,
      encryption: new KeyEncryption(config.keyEncryptionSecret),
      rotationMs: config.signingKeyRotationHours * 3_600_000,
      clock,
      log,
    });
    await keyRing.refresh();
    keyRing.start();

    const accessTokens = new AccessTokens({
      keyRing,
      issuer: config.publicOrigin,
      audience: TOKEN_AUDIENCE,
      lifetimeSeconds: config.accessTokenExpireMinutes * 60,
      clock,
    });
    const sessionState = new SessionState(redis, config.redisKeyPrefix);

    revocations = new RevocationFeed({
      redis,
      channel: sessionState.revocationChannel,
      rememberMs: config.accessTokenExpireMinutes * 60_000,
      clock,
      log,
    });
    await revocations.start();
    const sessionStore = new SessionStore(mongo.db);
    const activity = new SessionActivity({
      store: sessionStore,
      clock,
      log,
      intervalMs: SESSION_USE_INTERVAL_MS,
      size: TOKEN_CACHE_SIZE,
    });
    const authenticator = new Authenticator({
      accessTokens,
      sessions: sessionState,
      feed: revocations,
      clock,
      cacheSize: TOKEN_CACHE_SIZE,
      onUse: (sessionId) => activity.seen(sessionId),
    });

    const profileCache = new ProfileCache<UserRecord | null>({
      redis,
      channel: `${config.redisKeyPrefix}account-changes`,
      feed: revocations,
      max: PROFILE_CACHE_SIZE,
      ttlMs: PROFILE_CACHE_TTL_MS,
    });
    await profileCache.start();
    const accounts = new AccountStore(
      mongo.db,
      config.superAdminAddresses,
      profileCache,
      PROFILE_CACHE_SIZE,
    );
    await Promise.all([accounts.ensureIndexes(), sessionStore.ensureIndexes()]);

    const chainId = chainIdOf(config.tronNetwork);
    const domain = new URL(config.publicOrigin).host;
    const challenges = new ChallengeStore({
      redis,
      keyPrefix: config.redisKeyPrefix,
      clock,
      lifetimeSeconds: config.challengeExpireSeconds,
      domain,
      uri: config.publicOrigin,
      chainId,
    });

    const audit = new AuditLog(mongo.db, log);
    const db = mongo.db;
    const security = await createSecurityServices({
      config,
      clock,
      log,
      redis,
      db,
      audit,
      recovery,
      profileCache,
    });

    return {
      config,
      clock,
      mongo,
      redis,
      audit,
      metrics: createMetrics(),
      keyRing,
      accessTokens,
      sessionState,
      authenticator,
      revocations,
      recovery,
      challenges,
      accounts,
      sessionStore,
      sessions: new Sessions({
        store: sessionStore,
        state: sessionState,
        revocations,
        clock,
        refreshLifetimeSeconds: config.refreshTokenExpireDays * 86_400,
      }),
      signIn: new SignIn({ challenges, accounts, recovery, clock, domain, chainId }),
      ...security,
    };
  } catch (error) {
    // Its subscriber connection would otherwise keep the process alive.
    await revocations?.stop();
    redis?.disconnect();
    await closeMongo(mongo);
    throw error;
  }
}

async function closeMongo(mongo: Mongo): Promise<void> {
  await mongo.client.close().catch(() => undefined);
}

/** Stops timers and closes the connections createServices opened. */
export async function closeServices(services: Services): Promise<void> {
  services.keyRing.stop();
  services.stopAuditPurge();
  await services.revocations.stop();
  await services.redis.quit().catch(() => services.redis.disconnect());
  await closeMongo(services.mongo);
}
