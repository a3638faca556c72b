import { randomUUID } from 'node:crypto';

import type { Collection, Db } from 'mongodb';

import { DEFAULT_ROLE, type Role } from '../rbac/roles.js';

/** The MongoDB collection of accounts. */
export const USERS_COLLECTION = 'users';

/** An account: one TRON address, one role. */
export interface AccountRecord {
  /** A UUID; the access token's subject. */
  _id: string;
  /** Base58 TRON address; unique. */
  address: string;
  role: Role;
  createdAt: Date;
  updatedAt: Date;
  lastSignInAt: Date | null;
}

/** Announces that an account was written (no id: any number of accounts), after the write. */
export type AccountChanged = (id?: string) => Promise<void>;

/** Thrown when an account already exists for the address. */
export class AccountExists extends Error {
  constructor(address: string) {
    super(`an account exists for ${address}`);
    this.name = 'AccountExists';
  }
}

const DUPLICATE_KEY = 11000;
const SIGN_IN_TOUCH_INTERVAL_MS = 60_000;

/**
 * Accounts in MongoDB. The unique index on address is what makes registration safe under
 * concurrency: two registrations racing for one address cannot both insert.
 */
export class AccountStore {
  readonly collection: Collection<AccountRecord>;
  private readonly superAdmins: ReadonlySet<string>;
  private readonly changed: AccountChanged;

  constructor(db: Db, superAdminAddresses: readonly string[], changed: AccountChanged) {
    this.collection = db.collection<AccountRecord>(USERS_COLLECTION);
    this.superAdmins = new Set(superAdminAddresses);
    this.changed = changed;
  }

  /** Creates the indexes the store relies on. */
  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ address: 1 }, { unique: true, name: 'address_unique' });
  }

  /** The account holding this address, if any. */
  findByAddress(address: string): Promise<AccountRecord | null> {
    return this.collection.findOne({ address });
  }

  /** The account with this id, if any. */
  findById(id: string): Promise<AccountRecord | null> {
    return this.collection.findOne({ _id: id });
  }

  /**
   * Creates an account. Addresses listed in SUPER_ADMIN_ADDRESSES start as SUPER_ADMIN,
   * everyone else as USER.
   */
  async create(address: string, now: Date): Promise<AccountRecord> {
    const role: Role = this.superAdmins.has(address) ? 'SUPER_ADMIN' : DEFAULT_ROLE;
    const account: AccountRecord = {
      _id: randomUUID(),
      address,
      role,
      createdAt: now,
      updatedAt: now,
      lastSignInAt: now,
    };
    try {
      await this.collection.insertOne(account);
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) throw new AccountExists(address);
      throw error;
    }
    return account;
  }

  /**
   * Records a sign-in time, at most once a minute per account: an update costs a write
   * transaction, and a busier account's time is exact to the minute.
   */
  async touchSignIn(account: AccountRecord, now: Date): Promise<void> {
    const last = account.lastSignInAt?.getTime() ?? 0;
    if (now.getTime() - last < SIGN_IN_TOUCH_INTERVAL_MS) return;
    await this.collection.updateOne({ _id: account._id }, { $set: { lastSignInAt: now } });
    await this.changed(account._id);
  }
}
