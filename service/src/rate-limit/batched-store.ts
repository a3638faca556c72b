import type { Redis } from 'ioredis';

import { luaScript, type LuaScript } from '../db/lua.js';

// Adds a batch of hits to a window counter and reads it back. KEYS: the counter. ARGV: hits,
// window in ms. A counter the batch created (or one left without expiry) starts its window.
const ADD = `
local current = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if current == tonumber(ARGV[1]) or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {current, ttl}
`;

// Hits admitted locally are sent to Redis at most this long after the first of them. Each
// batch is a Redis round trip woken by a timer; at 10 ms those cost 12% of the CPU of a
// meta/info request under load (side by side against 50 ms), while at the per-minute tiers
// 50 ms lets another replica's client slip in a few requests at most (the bound below).
const FLUSH_MS = 50;

// Windows that ended are dropped from memory at most this often.
const SWEEP_MS = 1_000;

// Counters kept in memory at most; beyond this (a flood from many IPs) new keys are counted
// in Redis alone, one round trip per request, as before batching.
const MAX_COUNTERS = 100_000;

interface Counter {
  /** The shared count as Redis last reported it (every replica's hits). */
  shared: number;
  /** Hits admitted here and not yet sent to Redis. */
  pending: number;
  /** Hits sent to Redis whose reply has not come back (maybe not yet in `shared`). */
  sending: number;
  /** When the window ends, on this process's clock. */
  endsAt: number;
}

/** What Redis answered for one batch: the count including it, and when its window ends. */
interface Reply {
  current: number;
  endsAt: number;
}

/** One counted hit: the count including it, and the milliseconds left in its window. */
export interface Hit {
  current: number;
  ttlMs: number;
}

/** Options of a BatchedRedisStore. */
export interface BatchedStoreOptions {
  redis: Redis;
  /** Prepended to every counter key. */
  prefix: string;
}

/**
 * Rate-limit counters that count in this process and add the counts to Redis in batches, so
 * that an allowed request costs no Redis round trip while the counters stay shared by every
 * replica.
 *
 * A request is admitted locally only while the last shared count Redis reported plus this
 * replica's unsent and unanswered hits stays under the limit; the first request of a
 * window, any request that would reach past the limit, and every request while Redis is not
 * connected ask Redis first, so a refusal (429) is always decided on the shared count and a
 * Redis outage still refuses requests (the error becomes a 503). Hits are sent within
 * FLUSH_MS. With one replica the limit is exact; with several, each replica can admit the
 * hits the others made since its last batch before it sees them, so a counter can pass its
 * limit by at most what the other replicas admit in FLUSH_MS plus one Redis round trip (a
 * handful of requests at a per-minute tier). A batch lost to a Redis failure is not counted.
 */
export class BatchedRedisStore {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly add: LuaScript;
  private readonly counters = new Map<string, Counter>();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private lastSweep = 0;

  constructor(options: BatchedStoreOptions) {
    this.redis = options.redis;
    this.prefix = options.prefix;
    this.add = luaScript(options.redis, ADD);
  }

  /**
   * Counts one hit on `key` against `max` in a window of `windowMs`. Answers at once when the
   * hit is admitted locally, and with a promise when Redis must be asked; the promise
   * rejects when Redis cannot be reached.
   */
  hit(key: string, max: number, windowMs: number): Hit | Promise<Hit> {
    const now = Date.now();
    const counter = this.counters.get(key);
    if (
      counter !== undefined &&
      counter.endsAt > now &&
      counter.shared + counter.sending + counter.pending < max &&
      this.redis.status === 'ready'
    ) {
      counter.pending += 1;
      this.markDirty(key);
      return {
        current: counter.shared + counter.sending + counter.pending,
        ttlMs: counter.endsAt - now,
      };
    }

    // Hits still unsent go with this one; those of a window that ended are dropped with it.
    const unsent = counter !== undefined && counter.endsAt > now ? counter.pending : 0;
    if (counter !== undefined) counter.pending = 0;
    this.sweep(now);
    // The count Redis answers includes this hit and every hit sent before it, and no later
    // one: that count alone decides, whatever else this replica sent meanwhile.
    return this.send(key, unsent + 1, windowMs).then((reply) => ({
      current: reply.current,
      ttlMs: reply.endsAt - Date.now(),
    }));
  }

  /** Sends the hits still unsent; call once requests stopped, before Redis is closed. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const keys = [...this.dirty];
    this.dirty.clear();
    this.sweep(Date.now());

    await Promise.all(
      keys.map(async (key) => {
        const counter = this.counters.get(key);
        if (counter === undefined || counter.pending === 0) return;
        const hits = counter.pending;
        counter.pending = 0;
        if (counter.endsAt <= Date.now()) return;
        // A lost batch under-counts by its hits; send dropped the counter, so the next
        // request asks Redis and fails (503) while Redis stays unreachable.
        await this.send(key, hits, 0).catch(() => undefined);
      }),
    );
  }

  private markDirty(key: string): void {
    this.dirty.add(key);
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  // Adds `hits` to the shared counter and records what Redis answered. A windowMs of 0 is a
  // batch for a window already started: should Redis have lost the counter, the batch
  // starts one that ends when the known window does, not a full new one.
  private async send(key: string, hits: number, windowMs: number): Promise<Reply> {
    const sentWith = this.counters.get(key);
    const window = windowMs > 0 ? windowMs : Math.max(1, (sentWith?.endsAt ?? 0) - Date.now());
    if (sentWith !== undefined) sentWith.sending += hits;
    let answer: [number, number];
    try {
      answer = (await this.add([this.prefix + key], [hits, window])) as [number, number];
    } catch (error) {
      // Its count is no longer known: the next request asks Redis, and fails while it is down.
      if (sentWith !== undefined && this.counters.get(key) === sentWith) this.counters.delete(key);
      throw error;
    } finally {
      if (sentWith !== undefined) sentWith.sending -= hits;
    }
    const [current, ttl] = answer;
    const reply = { current, endsAt: Date.now() + ttl };
    this.record(key, reply);
    return reply;
  }

  private record(key: string, reply: Reply): void {
    const counter = this.counters.get(key);
    if (counter === undefined) {
      if (this.counters.size >= MAX_COUNTERS) return;
      this.counters.set(key, {
        shared: reply.current,
        pending: 0,
        sending: 0,
        endsAt: reply.endsAt,
      });
      return;
    }

    // A window's count only grows, but replies can come back out of order (a script Redis
    // forgot is sent again with EVAL, behind later EVALSHAs): keep the highest in a window.
    const sameWindow = counter.endsAt > Date.now();
    counter.shared = sameWindow ? Math.max(counter.shared, reply.current) : reply.current;
    counter.endsAt = reply.endsAt;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_MS) return;
    this.lastSweep = now;
    for (const [key, counter] of this.counters) {
      if (counter.endsAt <= now && counter.pending === 0) this.counters.delete(key);
    }
  }
}
