import { randomBytes } from 'node:crypto';

import type { Redis } from 'ioredis';

import type { HardwareWalletType } from './device-types.js';

/** A hardware-wallet challenge waiting for its signature. */
export interface WalletChallenge {
  purpose: 'register' | 'verify';
  accountId: string;
  sessionId: string;
  address: string;
  deviceType: HardwareWalletType;
  label: string;
  /** The registered wallet being verified; absent when registering. */
  walletId?: string;
  /** The exact text the wallet must sign. */
  message: string;
  expiresAt: string;
}

/** A fresh nonce: 128 random bits as 32 hex digits, inside CAIP-122's alphanumeric rule. */
export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Open hardware-wallet challenges in Redis. Each lives for the answer timeout and is taken
 * with GETDEL, so a signature is accepted for it at most once, whichever replica sees it.
 */
export class ChallengeStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = `${prefix}hw-challenge:`;
  }

  /** Stores a challenge under its nonce until `ttlMs` passes. */
  async put(nonce: string, challenge: WalletChallenge, ttlMs: number): Promise<void> {
    await this.#redis.set(this.#prefix + nonce, JSON.stringify(challenge), 'PX', ttlMs);
  }

  /** Removes and returns the challenge, or undefined when it expired or was already used. */
  async take(nonce: string): Promise<WalletChallenge | undefined> {
    const text = await this.#redis.getdel(this.#prefix + nonce);
    return text === null ? undefined : (JSON.parse(text) as WalletChallenge);
  }
}
