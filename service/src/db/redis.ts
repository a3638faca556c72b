import { Redis } from 'ioredis';

import type { Config } from '../config/config.js';

/**
 * Connects to Redis. Commands fail at once while the connection is down (no offline queue)
 * and time out after a second, so a dependency failure becomes a prompt 503, and
 * auto-pipelining batches the many small commands concurrent requests issue.
 */
export async function connectRedis(config: Config): Promise<Redis> {
  const redis = new Redis(config.redisUri, {
    lazyConnect: true,
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
    connectionName: config.serviceName,
  });
  await redis.connect();
  return redis;
}

/** Answers whether Redis responds to a ping within `timeoutMs`. */
export async function pingRedis(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status !== 'ready') return false;

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([redis.ping().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
