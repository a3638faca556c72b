import type { Redis } from 'ioredis';

/** A session's proof of a fresh hardware-wallet signature, valid until `until`. */
export interface StepUp {
  walletId: string;
  verifiedAt: string;
  until: string;
}

/**
 * Stepped-up sessions in Redis: one key per session that expires with the step-up window,
 * so every replica agrees on it and nothing needs cleaning up.
 */
export class StepUpStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = `${prefix}step-up:`;
  }

  /** Marks the session stepped up for `windowMs` from `at`. */
  async mark(sessionId: string, walletId: string, at: Date, windowMs: number): Promise<StepUp> {
    const stepUp = {
      walletId,
      verifiedAt: at.toISOString(),
      until: new Date(at.getTime() + windowMs).toISOString(),
    };
    await this.#redis.set(this.#prefix + sessionId, JSON.stringify(stepUp), 'PX', windowMs);
    return stepUp;
  }

  /** The session's current step-up, or undefined when it has none or it has lapsed. */
  async get(sessionId: string): Promise<StepUp | undefined> {
    const text = await this.#redis.get(this.#prefix + sessionId);
    return text === null ? undefined : (JSON.parse(text) as StepUp);
  }
}
