import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';

import type { Redis } from 'ioredis';

import { luaScript, type LuaScript } from '../db/lua.js';

// Deletes the lock only if this holder still owns it, so a holder that outlived its lease
// cannot release someone else's lock. KEYS: the lock. ARGV: the holder's token.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

const RETRY_MS = 25;

/**
 * A Redis mutex serialising role changes across replicas. The last-SUPER_ADMIN rule is a
 * count followed by an update; MongoDB here gives no transaction to make that atomic, so
 * every role change runs under this lock instead.
 */
export class RoleLock {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #leaseMs: number;
  readonly #release: LuaScript;

  constructor(redis: Redis, prefix: string, leaseMs: number) {
    this.#redis = redis;
    this.#key = `${prefix}role-change-lock`;
    this.#leaseMs = leaseMs;
    this.#release = luaScript(redis, RELEASE);
  }

  /**
   * Runs `work` holding the lock, waiting up to `waitMs` for it; returns undefined when
   * another change held it all that time. The lease outlasts MongoDB's timeouts, so it does
   * not lapse while work is running.
   */
  async withLock<T>(work: () => Promise<T>, waitMs = 2_000): Promise<{ value: T } | undefined> {
    const token = randomUUID();
    const giveUpAt = Date.now() + waitMs;
    while ((await this.#redis.set(this.#key, token, 'PX', this.#leaseMs, 'NX')) !== 'OK') {
      if (Date.now() >= giveUpAt) return undefined;
      await delay(RETRY_MS);
    }

    try {
      return { value: await work() };
    } finally {
      await this.#release([this.#key], [token]);
    }
  }
}
