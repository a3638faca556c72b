import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';

import { routeOf } from '../plugins/route-info.js';
import { BatchedRedisStore, type Hit } from './batched-store.js';
import {
  selectTier,
  validateTiers,
  type RateLimitCaller,
  type RateLimitTiers,
  type TierSelection,
} from './tiers.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` leaves the route unmetered (health probes, metrics); every other is metered. */
    rateLimit?: false;
  }
}

/** The caller of a request, at once when known, or once its token has been checked. */
export type CallerLookup = RateLimitCaller | null | Promise<RateLimitCaller | null>;

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
  identify: (request: FastifyRequest) => CallerLookup;
  /** The error thrown for a refused request; Retry-After is already set. */
  tooManyRequests: (retryAfterSeconds: number) => Error;
  /** Called once per refused request, for the audit log and metrics. */
  onLimited?: (request: FastifyRequest, selection: TierSelection) => void;
}

type Done = (error?: Error) => void;

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return value instanceof Promise;
}

function setHeaders(reply: FastifyReply, limit: number, remaining: number, reset: number): void {
  void reply.header('ratelimit-limit', limit);
  void reply.header('ratelimit-remaining', remaining);
  void reply.header('ratelimit-reset', reset);
}

/**
 * Meters every request against its tier, with counters in Redis (through a store that
 * counts locally and sends the counts in batches, see BatchedRedisStore) shared by all
 * replicas. Install it before authentication: it identifies the caller itself, so requests
 * with a missing or bad token are counted against their IP before any token check runs, and
 * a valid token is never charged to the IP it comes from. Routes opt out with
 * `config: { rateLimit: false }` (health probes, metrics); unknown URLs are metered like any
 * other. Headers follow the IETF RateLimit draft (RateLimit-Limit, -Remaining, -Reset, in
 * seconds) plus Retry-After. A Redis outage refuses requests (the store's error becomes a
 * 503) rather than letting traffic through unmetered.
 *
 * The hook takes a callback rather than returning a promise: the common request (a caller
 * known from a cached token, a counter admitted locally) is decided without a single
 * promise, which a profile of the hot routes showed to be most of what metering cost.
 */
export function installRateLimits(app: FastifyInstance, options: RateLimitOptions): void {
  const tiers = validateTiers(options.tiers);
  const { windowMs } = options;
  if (!Number.isInteger(windowMs) || windowMs < 1) {
    throw new Error(`Rate limit window must be a positive number of ms, got ${windowMs}`);
  }

  const store = new BatchedRedisStore({
    redis: options.redis,
    prefix: `${options.prefix}rate-limit:`,
  });
  // Unsent hits go to Redis once in-flight requests have ended. onClose hooks run in reverse
  // order of registration, so this one runs before those (added earlier) that close Redis.
  app.addHook('onClose', () => store.flush());

  // The error refusing the request, or undefined when it is admitted.
  function decide(
    request: FastifyRequest,
    reply: FastifyReply,
    selection: TierSelection,
    hit: Hit,
  ): Error | undefined {
    const max = tiers[selection.tier];
    const reset = Math.ceil(hit.ttlMs / 1000);
    if (hit.current <= max) {
      setHeaders(reply, max, max - hit.current, reset);
      return undefined;
    }

    const retryAfter = Math.max(1, reset);
    setHeaders(reply, max, 0, retryAfter);
    void reply.header('retry-after', retryAfter);
    options.onLimited?.(request, selection);
    return options.tooManyRequests(retryAfter);
  }

  function meter(
    request: FastifyRequest,
    reply: FastifyReply,
    caller: RateLimitCaller | null,
    done: Done,
  ): void {
    const selection = selectTier(caller, request.ip);
    const hit = store.hit(selection.key, tiers[selection.tier], windowMs);
    if (!isPromise(hit)) {
      done(decide(request, reply, selection, hit));
      return;
    }
    hit.then((counted) => decide(request, reply, selection, counted)).then(done, done);
  }

  app.addHook('onRequest', (request, reply, done) => {
    if (routeOf(request).config.rateLimit === false) {
      done();
      return;
    }

    const caller = options.identify(request);
    if (!isPromise(caller)) {
      meter(request, reply, caller, done);
      return;
    }
    caller.then(
      (known) => meter(request, reply, known, done),
      (error: unknown) => done(error as Error),
    );
  });
}
