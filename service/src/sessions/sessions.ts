import { createHash, randomBytes, randomUUID } from 'node:crypto';

import type { RequestContext } from '../audit/audit-event.js';
import type { AccountRecord } from '../accounts/account-store.js';
import type { RevocationFeed } from '../auth/revocation-feed.js';
import type { Clock } from '../clock.js';
import type { SessionState } from './session-state.js';
import type { SessionStore } from './session-store.js';

/** A session just started: its id and first refresh token (shown once, stored hashed). */
export interface StartedSession {
  sessionId: string;
  refreshToken: string;
  refreshExpiresIn: number;
}

/** What a refresh token rotation ended in. */
export type RefreshOutcome =
  | {
      status: 'rotated';
      sessionId: string;
      userId: string;
      refreshToken: string;
      refreshExpiresIn: number;
    }
  | { status: 'reuse'; sessionId: string; userId: string }
  | { status: 'invalid' };

/** Options of Sessions. */
export interface SessionsOptions {
  store: SessionStore;
  state: SessionState;
  revocations: RevocationFeed;
  clock: Clock;
  refreshLifetimeSeconds: number;
}

/** Refresh tokens are 256 random bits, base64url: 43 characters. */
export const REFRESH_TOKEN_PATTERN = '^[A-Za-z0-9_-]{43}$';

/** The hash a refresh token is stored and looked up under. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Starts, refreshes and revokes sessions. The MongoDB record is written before the Redis
 * state that makes a session usable, and no token leaves before both are written: if
 * either store fails, the client gets an error and nothing usable exists.
 */
export class Sessions {
  private readonly options: SessionsOptions;

  constructor(options: SessionsOptions) {
    this.options = options;
  }

  private get lifetimeMs(): number {
    return this.options.refreshLifetimeSeconds * 1000;
  }

  /** Starts a session for an account that just proved its key. */
  async start(account: AccountRecord, context: RequestContext): Promise<StartedSession> {
    const { store, state, clock, refreshLifetimeSeconds } = this.options;
    const now = new Date(clock());
    const sessionId = randomUUID();
    const refreshToken = newRefreshToken();

    await store.insert({
      _id: sessionId,
      userId: account._id,
      address: account.address,
      createdAt: now,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + this.lifetimeMs),
      ip: context.ip,
      userAgent: context.userAgent,
      authMethod: 'wallet',
      steppedUpUntil: null,
      revokedAt: null,
      revokedReason: null,
    });
    await state.create(
      { sessionId, userId: account._id, address: account.address },
      hashRefreshToken(refreshToken),
      this.lifetimeMs,
    );
    return { sessionId, refreshToken, refreshExpiresIn: refreshLifetimeSeconds };
  }

  /**
   * Rotates a refresh token. `beforeRotate` runs first with the session's owner and may throw
   * (say, the account is gone or MongoDB is down): the presented token then stays valid,
   * so a retry is not mistaken for reuse.
   */
  async refresh(
    presented: string,
    beforeRotate: (userId: string) => Promise<void>,
  ): Promise<RefreshOutcome> {
    const { state } = this.options;
    const presentedHash = hashRefreshToken(presented);
    const live = await state.peek(presentedHash);
    if (!live) return { status: 'invalid' };

    await beforeRotate(live.userId);

    const refreshToken = newRefreshToken();
    const result = await state.rotate(
      presentedHash,
      hashRefreshToken(refreshToken),
      this.lifetimeMs,
    );
    if (result.status === 'invalid') return result;
    if (result.status === 'reuse') {
      await this.afterRevoke(result.sessionId, 'refresh-reuse');
      return { status: 'reuse', sessionId: result.sessionId, userId: live.userId };
    }
    return {
      status: 'rotated',
      sessionId: result.sessionId,
      userId: live.userId,
      refreshToken,
      refreshExpiresIn: this.options.refreshLifetimeSeconds,
    };
  }

  /** Records the refresh on the session's record; a failure here loses only the timestamp. */
  async touch(sessionId: string, context: RequestContext): Promise<void> {
    const now = this.options.clock();
    await this.options.store.touch(
      sessionId,
      context,
      new Date(now),
      new Date(now + this.lifetimeMs),
    );
  }

  /** Ends a session at once on every replica; true when it was live. */
  async revoke(sessionId: string, reason: string): Promise<boolean> {
    const wasLive = await this.options.state.revoke(sessionId);
    await this.afterRevoke(sessionId, reason);
    return wasLive;
  }

  private async afterRevoke(sessionId: string, reason: string): Promise<void> {
    // Locally at once; other replicas learn it from the pub/sub message.
    this.options.revocations.add(sessionId);
    await this.options.store.markRevoked(sessionId, reason, new Date(this.options.clock()));
  }
}
