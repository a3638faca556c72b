import type { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';

import type { Clock } from '../clock.js';
import { logRedisErrors } from '../db/redis.js';

/** Options of a RevocationFeed. */
export interface RevocationFeedOptions {
  redis: Redis;
  channel: string;
  /** How long to remember a revoked session: the longest an access token can live. */
  rememberMs: number;
  clock: Clock;
  log: FastifyBaseLogger;
}

/**
 * Revoked session ids pushed by every replica over Redis pub/sub. Lets cached token
 * verdicts be trusted without a Redis round trip per request; while the subscription is
 * down, `live` is false and callers must ask Redis directly.
 */
export class RevocationFeed {
  private readonly options: RevocationFeedOptions;
  private readonly subscriber: Redis;
  private readonly revoked = new Map<string, number>();
  private subscribed = false;
  private readonly gapListeners: (() => void)[] = [];
  private readonly watchers = new Map<string, (message: string) => void>();
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(options: RevocationFeedOptions) {
    this.options = options;
    this.subscriber = options.redis.duplicate({ enableAutoPipelining: false });
  }

  /** True while revocations are being received. */
  get live(): boolean {
    return this.subscribed && this.subscriber.status === 'ready';
  }

  /** Connects and subscribes; resubscriptions after a reconnect drop cached verdicts. */
  async start(): Promise<void> {
    const { channel, log } = this.options;
    this.subscriber.on('message', (from: string, message: string) => {
      if (from === channel) this.add(message);
      else this.watchers.get(from)?.(message);
    });
    this.subscriber.on('close', () => {
      this.subscribed = false;
    });
    this.subscriber.on('ready', () => {
      // ioredis resubscribes on reconnect, but 'ready' comes before Redis has done it: this
      // SUBSCRIBE, queued behind ioredis' own, answers once they are in force. Anything
      // published up to then was missed.
      this.subscriber.subscribe(channel, ...this.watchers.keys()).then(
        () => {
          for (const listener of this.gapListeners) listener();
          this.subscribed = true;
        },
        () => undefined,
      );
    });
    logRedisErrors(this.subscriber, log, 'revocation-feed');

    if (this.subscriber.status === 'wait') await this.subscriber.connect();
    await this.subscriber.subscribe(channel);
    this.subscribed = true;

    this.sweepTimer = setInterval(() => this.sweep(), 60_000);
    this.sweepTimer.unref();
  }

  /** Subscribes to another channel on the same connection (after `start`). */
  async watch(channel: string, listener: (message: string) => void): Promise<void> {
    this.watchers.set(channel, listener);
    await this.subscriber.subscribe(channel);
  }

  /** Registers a callback for when messages may have been missed (after a reconnect). */
  onGap(listener: () => void): void {
    this.gapListeners.push(listener);
  }

  /** Records a revocation made by this replica at once, before the echo arrives. */
  add(sessionId: string): void {
    this.revoked.set(sessionId, this.options.clock() + this.options.rememberMs);
  }

  /** True when the session was revoked within the remembered window. */
  isRevoked(sessionId: string): boolean {
    return this.revoked.has(sessionId);
  }

  /** Unsubscribes and disconnects. */
  async stop(): Promise<void> {
    clearInterval(this.sweepTimer);
    this.subscribed = false;
    this.subscriber.removeAllListeners('ready');
    try {
      await this.subscriber.quit();
    } catch {
      this.subscriber.disconnect();
    }
  }

  private sweep(): void {
    const now = this.options.clock();
    for (const [sessionId, until] of this.revoked) {
      if (until <= now) this.revoked.delete(sessionId);
    }
  }
}
