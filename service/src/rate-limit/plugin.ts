import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';

import { BatchedRedisStore } from './batched-store.js';
import {
  selectTier,
  tierOfKey,
  validateTiers,
  type RateLimitCaller,
  type RateLimitTiers,
  type TierSelection,
} from './tiers.js';

/** Options of the rate limits. */
export interface RateLimitOptions {
  redis: Redis;
  /** Key prefix, so several deployments or test suites can share one Redis. */
  prefix: string;
  tiers: RateLimitTiers;
  /** Length of the counting window in milliseconds (a minute in production). */
  windowMs: number;
  /**
   * The caller of a request when it carries a valid access token for a protected route;
   * null otherwise (no token, a public route, or a token that fails verification).
   */
  identify: (request: FastifyRequest) => Promise<RateLimitCaller | null>;
  /** The error thrown for a refused request; Retry-After is already set. */
  tooManyRequests: (retryAfterSeconds: number) => Error;
  /** Called once per refused request, for the audit log and metrics. */
  onLimited?: (request: FastifyRequest, selection: TierSelection) => void;
}

function setHeaders(reply: FastifyReply, limit: number, remaining: number, reset: number): void {
  void reply.header('ratelimit-limit', limit);
  void reply.header('ratelimit-remaining', remaining);
  void reply.header('ratelimit-reset', reset);
}

/**
 * Meters every request against its tier, with counters in Redis (through @fastify/rate-limit
 * and a store that counts locally and sends the counts in batches, see BatchedRedisStore)
 * shared by all replicas. Install it before authentication: it identifies the caller
 * itself, so requests with a missing or bad token are counted against their IP before any
 * token check runs, and a valid token is never charged to the IP it comes from. Routes opt
 * out with `config: { rateLimit: false }` (health probes, metrics). Headers follow the IETF
 * RateLimit draft (RateLimit-Limit, -Remaining, -Reset, in seconds) plus Retry-After.
 */
export async function installRateLimits(
  app: FastifyInstance,
  options: RateLimitOptions,
): Promise<void> {
  const tiers = validateTiers(options.tiers);
  if (!Number.isInteger(options.windowMs) || options.windowMs < 1) {
    throw new Error(`Rate limit window must be a positive number of ms, got ${options.windowMs}`);
  }

  const store = new BatchedRedisStore({
    redis: options.redis,
    prefix: `${options.prefix}rate-limit:`,
  });
  // Unsent hits go to Redis once in-flight requests have ended. onClose hooks run in reverse
  // order of registration, so this one runs before those (added earlier) that close Redis.
  app.addHook('onClose', () => store.flush());
  await app.register(rateLimit, {
    global: false,
    // @fastify/rate-limit constructs its store with `new`; this hands it the one built here.
    store: function sharedStore() {
      return store;
    } as unknown as FastifyRateLimitStoreCtor,
    timeWindow: options.windowMs,
    // A Redis outage refuses requests (as a 503) rather than letting traffic through unmetered.
    skipOnError: false,
  });
  const selections = new WeakMap<FastifyRequest, TierSelection>();
  const limiter = app.createRateLimit({
    keyGenerator: (request) => selections.get(request)?.key ?? `unauthenticated:${request.ip}`,
    max: (_request, key) => tiers[tierOfKey(key)],
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.rateLimit === false) return;

    const selection = selectTier(await options.identify(request), request.ip);
    selections.set(request, selection);
    const result = await limiter(request);
    if (result.isAllowed) return;

    if (!result.isExceeded) {
      setHeaders(reply, result.max, result.remaining, result.ttlInSeconds);
      return;
    }

    const retryAfter = Math.max(1, result.ttlInSeconds);
    setHeaders(reply, result.max, 0, retryAfter);
    void reply.header('retry-after', retryAfter);
    options.onLimited?.(request, selection);
    throw options.tooManyRequests(retryAfter);
  });
}
