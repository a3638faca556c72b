import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { KeyObject, JsonWebKey } from 'node:crypto';

import type { Collection, Db } from 'mongodb';
import type { FastifyBaseLogger } from 'fastify';

import type { Clock } from '../clock.js';
import type { KeyEncryption, SealedBox } from './key-encryption.js';

/** The MongoDB collection holding the sealed signing keys. */
export const SIGNING_KEYS_COLLECTION = 'signing_keys';

/** A public key as published in the JWKS. */
export interface PublicJwk extends JsonWebKey {
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

interface SigningKeyRecord {
  /** `period-<n>`: one key per rotation period, made unique by MongoDB's _id index. */
  _id: string;
  period: number;
  kid: string;
  createdAt: Date;
  publicJwk: PublicJwk;
  sealedPrivateKey: SealedBox;
}

/** A usable key of one rotation period. */
export interface SigningKey {
  kid: string;
  period: number;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: PublicJwk;
}

/** Options of a KeyRing. */
export interface KeyRingOptions {
  db: Db;
  encryption: KeyEncryption;
  rotationMs: number;
  clock: Clock;
  log: FastifyBaseLogger;
}

const DUPLICATE_KEY = 11000;

/**
 * The service's Ed25519 signing keys. Time is cut into rotation periods; period n's key signs,
 * n+1's is published ahead so verifiers know it before first use, and n-1's stays published
 * so tokens it signed keep verifying. Replicas agree through MongoDB: whoever inserts a
 * period's record first wins (unique _id), the others read that record.
 */
export class KeyRing {
  private readonly records: Collection<SigningKeyRecord>;
  private readonly options: KeyRingOptions;
  private keys = new Map<number, SigningKey>();
  private byKid = new Map<string, SigningKey>();
  private timer: NodeJS.Timeout | undefined;

  constructor(options: KeyRingOptions) {
    this.options = options;
    this.records = options.db.collection<SigningKeyRecord>(SIGNING_KEYS_COLLECTION);
  }

  private periodAt(ms: number): number {
    return Math.floor(ms / this.options.rotationMs);
  }

  /** Makes sure this period's and the next one's keys exist, and loads the three published. */
  async refresh(): Promise<void> {
    const period = this.periodAt(this.options.clock());
    const keys = new Map<number, SigningKey>();

    const previous = await this.records.findOne({ _id: `period-${period - 1}` });
    if (previous) keys.set(period - 1, this.open(previous));
    for (const wanted of [period, period + 1]) keys.set(wanted, await this.ensure(wanted));

    this.keys = keys;
    this.byKid = new Map([...keys.values()].map((key) => [key.kid, key]));
  }

  /** Refreshes on a timer, well within each period, until stop(). */
  start(): void {
    const every = Math.min(this.options.rotationMs / 4, 60_000);
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => {
        this.options.log.error({ err: error }, 'signing key refresh failed');
      });
    }, every);
    this.timer.unref();
  }

  /** Stops the refresh timer. */
  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * The key to sign with now. Falls back to the newest loaded key not from the future when
   * the clock crossed into a period the timer has not loaded yet.
   */
  signingKey(): SigningKey {
    const period = this.periodAt(this.options.clock());
    const exact = this.keys.get(period);
    if (exact) return exact;

    const usable = [...this.keys.values()].filter((key) => key.period <= period);
    const newest = usable.sort((a, b) => b.period - a.period)[0] ?? this.keys.values().next().value;
    if (!newest) throw new Error('KeyRing.refresh() has not run');
    return newest;
  }

  /** The published key with this id, if any. */
  verificationKey(kid: string): SigningKey | undefined {
    return this.byKid.get(kid);
  }

  /** The JSON Web Key Set: previous, current and next public keys. */
  jwks(): { keys: PublicJwk[] } {
    const ordered = [...this.keys.values()].sort((a, b) => a.period - b.period);
    return { keys: ordered.map((key) => key.publicJwk) };
  }

  private async ensure(period: number): Promise<SigningKey> {
    const id = `period-${period}`;
    const existing = await this.records.findOne({ _id: id });
    if (existing) return this.open(existing);

    const record = this.generate(id, period);
    try {
      await this.records.insertOne(record);
      this.options.log.info({ kid: record.kid, period }, 'signing key generated');
      return this.open(record);
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      // Another replica generated this period's key first; use theirs.
      const winner = await this.records.findOne({ _id: id });
      if (!winner) throw error;
      return this.open(winner);
    }
  }

  private generate(id: string, period: number): SigningKeyRecord {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const kid = randomBytes(12).toString('base64url');
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    return {
      _id: id,
      period,
      kid,
      createdAt: new Date(this.options.clock()),
      publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'EdDSA', use: 'sig' },
      sealedPrivateKey: this.options.encryption.seal(der, id),
    };
  }

  private open(record: SigningKeyRecord): SigningKey {
    let der: Buffer;
    try {
      der = this.options.encryption.open(record.sealedPrivateKey, record._id);
    } catch (error) {
      throw new Error(
        `KEY_ENCRYPTION_SECRET does not open signing key ${record.kid}: ` +
          'the secret differs from the one the keys were sealed with',
        { cause: error },
      );
    }
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    return {
      kid: record.kid,
      period: record.period,
      privateKey,
      publicKey: createPublicKey(privateKey),
      publicJwk: record.publicJwk,
    };
  }
}
