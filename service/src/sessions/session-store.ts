import type { Collection, Db } from 'mongodb';

import type { RequestContext } from '../audit/audit-event.js';
import { GroupInsert } from '../db/group-insert.js';

/** The MongoDB collection of sessions. */
export const SESSIONS_COLLECTION = 'sessions';

/**
 * How a session proved who it is: `wallet`, signed in with the account's wallet; and
 * `hardware-wallet` once it has also been stepped up with a registered hardware wallet.
 */
export type AuthMethod = 'wallet' | 'hardware-wallet';

/**
 * The durable record of a session: what people see in their session list. Whether the
 * session still works is decided by its live state in Redis, not by this record.
 */
export interface SessionRecord {
  _id: string;
  userId: string;
  address: string;
  createdAt: Date;
  lastUsedAt: Date;
  /** When the current refresh token stops working, unless rotated again. */
  expiresAt: Date;
  ip: string;
  userAgent: string | null;
  authMethod: AuthMethod;
  /** Until when a hardware-wallet step-up holds, or null. */
  steppedUpUntil: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
}

/** Session records in MongoDB. */
export class SessionStore {
  readonly collection: Collection<SessionRecord>;
  private readonly inserts: GroupInsert<SessionRecord>;

  constructor(db: Db) {
    this.collection = db.collection<SessionRecord>(SESSIONS_COLLECTION);
    this.inserts = new GroupInsert(this.collection);
  }

  /** Creates the indexes the session list needs. */
  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ userId: 1, createdAt: -1 }, { name: 'user_sessions' });
  }

  /** Writes a new session's record; resolves once it is stored. */
  insert(record: SessionRecord): Promise<void> {
    return this.inserts.insert(record);
  }

  /** Notes a refresh: last use, its client and the new expiry. */
  async touch(id: string, context: RequestContext, now: Date, expiresAt: Date): Promise<void> {
    await this.collection.updateOne(
      { _id: id },
      { $set: { lastUsedAt: now, expiresAt, ip: context.ip, userAgent: context.userAgent } },
    );
  }

  /** Notes use of a session's access token (throttled by the caller: see SessionActivity). */
  async touchUse(id: string, now: Date): Promise<void> {
    await this.collection.updateOne(
      { _id: id, lastUsedAt: { $lt: now } },
      { $set: { lastUsedAt: now } },
    );
  }

  /** Shows a hardware-wallet step-up in the session record, until when it holds. */
  async markSteppedUp(id: string, until: Date): Promise<void> {
    await this.collection.updateOne(
      { _id: id },
      { $set: { steppedUpUntil: until, authMethod: 'hardware-wallet' } },
    );
  }

  /** Marks a session revoked (the first reason wins). */
  async markRevoked(id: string, reason: string, now: Date): Promise<void> {
    await this.collection.updateOne(
      { _id: id, revokedAt: null },
      { $set: { revokedAt: now, revokedReason: reason } },
    );
  }
}
