import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';

import {
  selectTier,
  tierOfKey,
  validateTiers,
  type RateLimitCaller,
  type RateLimitTiers,
  type TierSelection,
} from './tiers.js';

/** Options of the rate-limit registration. */
export interface RateLimitOptions {
  redis: Redis;
  /** Key prefix, so several deployments or test suites can share one Redis. */
  prefix: string;
  tiers: RateLimitTiers;
  /** Length of the counting window in milliseconds (a minute in production). */
  windowMs: number;
  /** The verified caller of a request, or null when it carries no valid access token. */
  identify: (request: FastifyRequest) => RateLimitCaller | null | Promise<RateLimitCaller | null>;
  /** The error thrown for a refused request; the plugin has already set Retry-After. */
  tooManyRequests: (retryAfterSeconds: number) => Error;
  /** Called once per refused request, for the audit log and metrics. */
  onLimited?: (request: FastifyRequest, selection: TierSelection) => void;
}

/**
 * Registers @fastify/rate-limit on every route, with counters in Redis shared by all
 * replicas. Routes opt out with `config: { rateLimit: false }` (health probes, metrics).
 * Headers follow the IETF RateLimit draft (RateLimit-Limit, -Remaining, -Reset) plus
 * Retry-After on a refusal.
 */
export async function registerRateLimits(
  app: FastifyInstance,
  options: RateLimitOptions,
): Promise<void> {
  const tiers = validateTiers(options.tiers);
  if (!Number.isInteger(options.windowMs) || options.windowMs < 1) {
    throw new Error(`Rate limit window must be a positive number of ms, got ${options.windowMs}`);
  }

  await app.register(rateLimit, {
    global: true,
    // preHandler runs after authentication has been resolved, so the tier is known; bodies
    // are parsed first, but they are bounded by the server's body limit.
    hook: 'preHandler',
    redis: options.redis,
    nameSpace: `${options.prefix}rate-limit:`,
    timeWindow: options.windowMs,
    enableDraftSpec: true,
    // A Redis outage refuses requests rather than letting traffic through unmetered.
    skipOnError: false,
    keyGenerator: async (request) => selectTier(await options.identify(request), request.ip).key,
    max: (_request, key) => tiers[tierOfKey(key)],
    errorResponseBuilder: (_request, context) =>
      options.tooManyRequests(Math.max(1, Math.ceil(context.ttl / 1000))),
    onExceeded: (request, key) => {
      options.onLimited?.(request, { tier: tierOfKey(key), key });
    },
  });
}
