import type { FastifyBaseLogger } from 'fastify';
import { LRUCache } from 'lru-cache';

import type { Clock } from '../clock.js';
import type { SessionStore } from './session-store.js';

/** Options of SessionActivity. */
export interface SessionActivityOptions {
  store: SessionStore;
  clock: Clock;
  log: FastifyBaseLogger;
  /** A session's last use is written at most this often (milliseconds). */
  intervalMs: number;
  /** Sessions remembered at most; one forgotten is written again on its next use. */
  size: number;
}

/**
 * Keeps the session list's "last used" moving with access-token use, not just refreshes,
 * without a MongoDB write per request: each session is written at most once an interval,
 * in the background. A failed write is logged and costs the request nothing; the next use
 * after the interval tries again.
 */
export class SessionActivity {
  readonly #options: SessionActivityOptions;
  readonly #written: LRUCache<string, number>;

  constructor(options: SessionActivityOptions) {
    this.#options = options;
    this.#written = new LRUCache({ max: options.size });
  }

  /** Notes that a session's access token was just accepted. */
  seen(sessionId: string): void {
    const { store, clock, log, intervalMs } = this.#options;
    const now = clock();
    const last = this.#written.get(sessionId);
    if (last !== undefined && now - last < intervalMs) return;

    this.#written.set(sessionId, now);
    store.touchUse(sessionId, new Date(now)).catch((error: unknown) => {
      this.#written.delete(sessionId);
      log.warn({ err: error, sessionId }, 'could not record session use');
    });
  }
}
