import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';

import type { Config } from '../config/config.js';
import { withinDeadline } from './deadline.js';

// ioredis reports every failed reconnect attempt; one line per this many ms is enough.
const ERROR_LOG_INTERVAL_MS = 10_000;

/**
 * Logs a client's connection errors at warn, at most once per interval. Without a
 * listener ioredis prints each one to stderr as unhandled.
 */
export function logRedisErrors(redis: Redis, log: FastifyBaseLogger, role: string): void {
  let lastLogged = 0;
  redis.on('error', (error: Error) => {
    const now = Date.now();
    if (now - lastLogged < ERROR_LOG_INTERVAL_MS) return;
    lastLogged = now;
    log.warn({ err: error, role }, 'redis connection error');
  });
}

/**
 * Connects to Redis. Commands fail at once while the connection is down (no offline queue)
 * and time out after a second, so a dependency failure becomes a prompt 503, and
 * auto-pipelining batches the many small commands concurrent requests issue.
 */
export async function connectRedis(config: Config, log: FastifyBaseLogger): Promise<Redis> {
  const redis = new Redis(config.redisUri, {
    lazyConnect: true,
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
    connectionName: config.serviceName,
  });
  logRedisErrors(redis, log, 'commands');
  await redis.connect();
  return redis;
}

/** Answers whether Redis responds to a ping within `timeoutMs`. */
export async function pingRedis(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  return withinDeadline(redis.ping(), timeoutMs, 'redis ping').then(
    () => true,
    () => false,
  );
}
