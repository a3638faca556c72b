import { randomBytes } from 'node:crypto';

import { base58 } from '@scure/base';
import type { Redis } from 'ioredis';

import type { Clock } from '../clock.js';
import type { ChallengeRecord } from './message.js';

/** Options of a ChallengeStore. */
export interface ChallengeStoreOptions {
  redis: Redis;
  keyPrefix: string;
  clock: Clock;
  lifetimeSeconds: number;
  domain: string;
  uri: string;
  chainId: string;
}

// 128 random bits: above CAIP-122's 96-bit floor, and base58 keeps it alphanumeric as
// EIP-4361 requires of a nonce.
const NONCE_BYTES = 16;

/**
 * Issued sign-in challenges, kept in Redis under their nonce until they expire (the key's
 * TTL) or are consumed. Consumption is a single GETDEL, so two requests racing with the
 * same nonce cannot both win.
 */
export class ChallengeStore {
  private readonly options: ChallengeStoreOptions;

  constructor(options: ChallengeStoreOptions) {
    this.options = options;
  }

  private key(nonce: string): string {
    return `${this.options.keyPrefix}challenge:${nonce}`;
  }

  /** Issues a challenge for an address and stores it until it expires. */
  async issue(address: string): Promise<ChallengeRecord> {
    const { clock, lifetimeSeconds, domain, uri, chainId, redis } = this.options;
    const now = clock();
    const record: ChallengeRecord = {
      domain,
      address,
      uri,
      chainId,
      nonce: base58.encode(randomBytes(NONCE_BYTES)),
      issuedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + lifetimeSeconds * 1000).toISOString(),
    };
    await redis.set(this.key(record.nonce), JSON.stringify(record), 'EX', lifetimeSeconds);
    return record;
  }

  /** The live challenge with this nonce, without consuming it. */
  async peek(nonce: string): Promise<ChallengeRecord | undefined> {
    const stored = await this.options.redis.get(this.key(nonce));
    return stored === null ? undefined : (JSON.parse(stored) as ChallengeRecord);
  }

  /** Consumes the nonce; true only for the one caller that removed it. */
  async consume(nonce: string): Promise<boolean> {
    return (await this.options.redis.getdel(this.key(nonce))) !== null;
  }
}
