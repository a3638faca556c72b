import { hash } from 'node:crypto';

import { LRUCache } from 'lru-cache';

import type { Clock } from '../clock.js';
import { AppError } from '../errors/app-error.js';
import type { SessionState } from '../sessions/session-state.js';
import type { AccessTokens, AuthContext } from '../tokens/access-tokens.js';
import type { RevocationFeed } from './revocation-feed.js';

/** Options of an Authenticator. */
export interface AuthenticatorOptions {
  accessTokens: AccessTokens;
  sessions: SessionState;
  feed: RevocationFeed;
  clock: Clock;
  /** Verified tokens kept at most. */
  cacheSize: number;
  /** Told of every accepted token's session, so its last use can be recorded. */
  onUse?: (sessionId: string) => void;
}

/**
 * Turns a bearer token into an AuthContext. The first sight of a token costs a signature
 * check and a Redis lookup of its session; after that the verdict is cached (keyed by the
 * token's hash, until the token expires) and only checked against the revocation feed, so
 * a revoked session is refused at once without a round trip per request.
 */
export class Authenticator {
  private readonly options: AuthenticatorOptions;
  private readonly cache: LRUCache<string, AuthContext>;

  constructor(options: AuthenticatorOptions) {
    this.options = options;
    this.cache = new LRUCache({ max: options.cacheSize });
    options.feed.onGap(() => this.clear());
  }

  /** Forgets every cached verdict (the revocation feed may have missed messages). */
  clear(): void {
    this.cache.clear();
  }

  /**
   * Verifies the token and its session; fails with ACCESS_TOKEN_INVALID. A token seen before
   * is answered at once (or throws at once): no promise is made on the path every request
   * of a signed-in caller takes. A first sight answers with a promise.
   */
  authenticate(token: string): AuthContext | Promise<AuthContext> {
    const { feed, clock } = this.options;
    const key = hash('sha256', token, 'base64url');

    const cached = feed.live ? this.cache.get(key) : undefined;
    if (cached && cached.expiresAt * 1000 > clock()) {
      if (feed.isRevoked(cached.sessionId)) throw new AppError('ACCESS_TOKEN_INVALID');
      this.options.onUse?.(cached.sessionId);
      return cached;
    }
    return this.verify(token, key);
  }

  private async verify(token: string, key: string): Promise<AuthContext> {
    const { accessTokens, sessions, feed, clock } = this.options;
    const context = await accessTokens.verify(token);
    if (!(await sessions.isActive(context.sessionId))) {
      throw new AppError('ACCESS_TOKEN_INVALID', { cause: new Error('session not active') });
    }

    const now = clock();
    if (feed.live) this.cache.set(key, context, { ttl: context.expiresAt * 1000 - now });
    this.options.onUse?.(context.sessionId);
    return context;
  }
}
