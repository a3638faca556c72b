import Fastify from 'fastify';
import { Redis } from 'ioredis';

import { RevocationFeed } from '../../../service/src/auth/revocation-feed.js';
import { ProfileCache } from '../../../service/src/users/profile-cache.js';
import type { UserRecord } from '../../../service/src/users/profile.js';

/** One replica's account cache, with the Redis connection and subscription it runs on. */
export interface ReplicaCache {
  redis: Redis;
  feed: RevocationFeed;
  cache: ProfileCache<UserRecord | null>;
  stop: () => Promise<void>;
}

/**
 * Starts an account cache as a service replica does: its own Redis connection with the
 * service's client settings (commands fail at once while Redis is down), its revocation
 * feed, and the account-change channel under `prefix` that replicas of one test share.
 */
export async function startReplicaCache(
  redisUri: string,
  prefix: string,
  ttlMs = 60_000,
): Promise<ReplicaCache> {
  const redis = new Redis(redisUri, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  redis.on('error', () => undefined);
  await redis.connect();

  const feed = new RevocationFeed({
    redis,
    channel: `${prefix}revocations`,
    rememberMs: 60_000,
    clock: Date.now,
    log: Fastify({ logger: false }).log,
  });
  await feed.start();

  const cache = new ProfileCache<UserRecord | null>({
    redis,
    channel: `${prefix}account-changes`,
    feed,
    max: 100,
    ttlMs,
  });
  await cache.start();

  const stop = async () => {
    await feed.stop();
    redis.disconnect();
  };
  return { redis, feed, cache, stop };
}
