import type { Redis } from 'ioredis';

import { luaScript, type LuaScript } from '../db/lua.js';

/** Settings of the sign-in lockout; validated once, at construction. */
export interface LockoutOptions {
  /** Key prefix, so several deployments or test suites can share one Redis. */
  prefix: string;
  /** Failed sign-ins, for one address or from one IP, that lock it out. */
  maxFailures: number;
  /** Seconds within which the failures must fall. */
  windowSeconds: number;
  /** Seconds a lock lasts. */
  lockSeconds: number;
}

/** What is locked out of sign-in, if anything, and for how long. */
export type LockState =
  { locked: false } | { locked: true; scope: 'address' | 'ip'; retryAfterSeconds: number };

/** The two things counted: the account's address (null when none could be read) and the IP. */
export interface SignInSubject {
  address: string | null;
  ip: string;
}

// Counts a failure and, on reaching the limit, replaces the counter with a lock, in one step:
// replicas racing on the same key can neither lose a count nor both miss the threshold.
// KEYS: failures counter, lock. ARGV: max failures, window ms, lock ms. Returns the lock's PTTL.
const RECORD_FAILURE = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
if count >= tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
end
return redis.call('PTTL', KEYS[2])
`;

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`Lockout option ${name} must be a positive integer, got ${value}`);
  }
  return value;
}

/**
 * Brute-force protection for sign-in: counts failures per address and per client IP in Redis
 * and locks either out once it reaches the limit within the window.
 */
export class SignInLockout {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #maxFailures: number;
  readonly #windowMs: number;
  readonly #lockMs: number;
  readonly #recordFailure: LuaScript;

  constructor(redis: Redis, options: LockoutOptions) {
    this.#redis = redis;
    this.#prefix = options.prefix;
    this.#maxFailures = positiveInteger('maxFailures', options.maxFailures);
    this.#windowMs = positiveInteger('windowSeconds', options.windowSeconds) * 1000;
    this.#lockMs = positiveInteger('lockSeconds', options.lockSeconds) * 1000;
    this.#recordFailure = luaScript(redis, RECORD_FAILURE);
  }

  /** The Redis keys of one subject, exposed so tests and operators can inspect them. */
  keys(scope: 'address' | 'ip', value: string): { failures: string; lock: string } {
    // The prefix leads, as on every key; the hash tag after it keeps a subject's two keys in
    // one slot, which a script on a cluster needs.
    const tagged = `${this.#prefix}{lockout:${scope}:${value}}`;
    return { failures: `${tagged}:failures`, lock: `${tagged}:lock` };
  }

  /** Whether the address or the IP is locked out now, with the longer remaining time. */
  async check(subject: SignInSubject): Promise<LockState> {
    const [addressMs, ipMs] = await Promise.all([
      subject.address === null ? -2 : this.#redis.pttl(this.keys('address', subject.address).lock),
      this.#redis.pttl(this.keys('ip', subject.ip).lock),
    ]);
    return lockState(addressMs, ipMs);
  }

  /** Counts one failed sign-in for the address (when known) and the IP; returns the state after. */
  async recordFailure(subject: SignInSubject): Promise<LockState> {
    const [addressMs, ipMs] = await Promise.all([
      subject.address === null ? -2 : this.#count(this.keys('address', subject.address)),
      this.#count(this.keys('ip', subject.ip)),
    ]);
    return lockState(addressMs, ipMs);
  }

  /** Clears the address's failure count after a successful sign-in; the IP's count stays. */
  async recordSuccess(address: string): Promise<void> {
    await this.#redis.del(this.keys('address', address).failures);
  }

  async #count(keys: { failures: string; lock: string }): Promise<number> {
    const args = [this.#maxFailures, this.#windowMs, this.#lockMs];
    return Number(await this.#recordFailure([keys.failures, keys.lock], args));
  }
}

function lockState(addressMs: number, ipMs: number): LockState {
  if (addressMs <= 0 && ipMs <= 0) return { locked: false };

  const scope = addressMs >= ipMs ? 'address' : 'ip';
  const retryAfterSeconds = Math.ceil(Math.max(addressMs, ipMs) / 1000);
  return { locked: true, scope, retryAfterSeconds };
}
