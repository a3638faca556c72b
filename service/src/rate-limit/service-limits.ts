import type { FastifyInstance, FastifyRequest } from 'fastify';

import { auditRequest } from '../audit/audit-request.js';
import { bearerToken } from '../auth/authenticate-hook.js';
import type { Authenticator } from '../auth/authenticator.js';
import { AppError } from '../errors/app-error.js';
import { routeOf } from '../plugins/route-info.js';
import type { AuthContext } from '../tokens/access-tokens.js';
import { installRateLimits, type CallerLookup } from './plugin.js';
import type { RateLimitCaller, TierSelection } from './tiers.js';

const MINUTE_MS = 60_000;

/**
 * The verified caller of a protected route, or null. A token that fails verification counts
 * as no token (the IP pays); a storage failure propagates and becomes a 503. A token seen
 * before is answered at once, without a promise.
 */
export function identifyCaller(authenticator: Authenticator) {
  const refused = (error: unknown): null => {
    if (error instanceof AppError) return null;
    throw error;
  };

  return (request: FastifyRequest): CallerLookup => {
    if (request.is404 || routeOf(request).config.public === true) return null;
    const token = bearerToken(request);
    if (!token) return null;

    // Kept on the request, so the authentication hook does not verify the token again.
    const known = (auth: AuthContext): RateLimitCaller => {
      request.auth = auth;
      return { accountId: auth.userId, role: auth.role };
    };
    try {
      const auth = authenticator.authenticate(token);
      return auth instanceof Promise ? auth.then(known, refused) : known(auth);
    } catch (error) {
      return refused(error);
    }
  };
}

/**
 * Installs the three tiers from configuration (per minute). Each counter's first refusal in
 * a window is audited; the rest of a flood is not, so an attack cannot flood MongoDB too.
 */
export function installServiceRateLimits(app: FastifyInstance): void {
  const { config, redis, authenticator, audit, clock } = app.services;
  const record = auditRequest(audit, clock);
  const prefix = config.redisKeyPrefix;

  const audited = async (request: FastifyRequest, selection: TierSelection) => {
    const marker = `${prefix}rate-limit-audited:${selection.key}`;
    if ((await redis.set(marker, '1', 'PX', MINUTE_MS, 'NX')) !== 'OK') return;

    const caller = selection.tier === 'unauthenticated' ? null : selection.key.split(':')[1];
    await record(request, {
      type: 'rate-limit.hit',
      outcome: 'failure',
      actor: caller ?? null,
      subject: caller ?? request.ip,
      reason: selection.tier,
    });
  };

  installRateLimits(app, {
    redis,
    prefix,
    tiers: {
      unauthenticated: config.rateLimitUnauthenticated,
      authenticated: config.rateLimitAuthenticated,
      admin: config.rateLimitAdmin,
    },
    windowMs: MINUTE_MS,
    identify: identifyCaller(authenticator),
    tooManyRequests: (retryAfter) =>
      new AppError('RATE_LIMITED', { headers: { 'retry-after': String(retryAfter) } }),
    onLimited: (request, selection) => {
      audited(request, selection).catch((error: unknown) => {
        request.log.warn({ err: error }, 'rate-limit audit failed');
      });
    },
  });
}
