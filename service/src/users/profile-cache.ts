import type { Redis } from 'ioredis';

import type { RevocationFeed } from '../auth/revocation-feed.js';

// Announced instead of an id when many accounts changed at once (the SUPER_ADMIN bootstrap).
const EVERYONE = '*';

/** Options of a ProfileCache. */
export interface ProfileCacheOptions {
  redis: Redis;
  /** Pub/sub channel on which every replica announces the accounts it changed. */
  channel: string;
  /** Whose subscription carries the announcements; while it is down the cache is bypassed. */
  feed: RevocationFeed;
  /** Accounts kept at most. */
  max: number;
  /** Longest an entry is trusted, in case an announcement was never published. */
  ttlMs: number;
}

interface Entry<T> {
  value: T;
  until: number;
}

/**
 * Accounts read recently, so a profile read costs no MongoDB query. Every write to an
 * account (profile change, role change, sign-in time) announces the account id on a Redis
 * channel after it is stored; each replica drops its copy when the announcement arrives. A
 * read that was in flight when any announcement arrived is not kept, so a copy can only be
 * older than a write until that write's announcement lands, as with token revocations.
 * While the subscription is down (or was down: a gap clears everything) reads go to MongoDB.
 */
export class ProfileCache<T> {
  private readonly options: ProfileCacheOptions;
  private readonly entries = new Map<string, Entry<T>>();
  private announcements = 0;

  constructor(options: ProfileCacheOptions) {
    this.options = options;
    options.feed.onGap(() => this.forget(EVERYONE));
  }

  /** Subscribes to the announcements of every replica. */
  async start(): Promise<void> {
    await this.options.feed.watch(this.options.channel, (id) => this.forget(id));
  }

  /** The cached account, or what `load` reads (kept when nothing changed meanwhile). */
  async get(id: string, load: () => Promise<T>): Promise<T> {
    const { feed, max, ttlMs } = this.options;
    if (!feed.live) return load();

    const now = Date.now();
    const entry = this.entries.get(id);
    if (entry !== undefined && entry.until > now) return entry.value;

    const seen = this.announcements;
    const value = await load();
    if (value !== null && seen === this.announcements && feed.live) {
      // Map order is insertion order: the first key is the oldest entry.
      if (this.entries.size >= max) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(id, { value, until: now + ttlMs });
    }
    return value;
  }

  /** Announces that an account changed (call after the write is stored). */
  async changed(id: string = EVERYONE): Promise<void> {
    this.forget(id);
    await this.options.redis.publish(this.options.channel, id);
  }

  private forget(id: string): void {
    this.announcements += 1;
    if (id === EVERYONE) this.entries.clear();
    else this.entries.delete(id);
  }
}
