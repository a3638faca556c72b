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

/**
 * Accounts read recently, shared with profile reads: `get` answers from memory or loads, and
 * `changed` drops an account on every replica after a write to it is stored.
 */
export interface AccountCache {
  get(id: string, load: () => Promise<AccountRecord | null>): Promise<AccountRecord | null>;
  changed(id?: string): Promise<void>;
}

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
 *
 * Reads go through the account cache, so a sign-in or a refresh of a known account costs no
 * query. An address keeps its account for good (accounts are never deleted), so the address
 * of each account read is remembered and later looks the account up by id, from the cache.
 */
export class AccountStore {
  readonly collection: Collection<AccountRecord>;
  private readonly superAdmins: ReadonlySet<string>;
  private readonly cache: AccountCache;
  private readonly maxAddresses: number;
  private readonly ids = new Map<string, string>();

  constructor(
    db: Db,
    superAdminAddresses: readonly string[],
    cache: AccountCache,
    maxAddresses: number,
  ) {
    this.collection = db.collection<AccountRecord>(USERS_COLLECTION);
    this.superAdmins = new Set(superAdminAddresses);
    this.cache = cache;
    this.maxAddresses = maxAddresses;
  }

  /** Creates the indexes the store relies on. */
  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ address: 1 }, { unique: true, name: 'address_unique' });
  }

  /** The account holding this address, if any. */
  async findByAddress(address: string): Promise<AccountRecord | null> {
    const id = this.ids.get(address);
    if (id !== undefined) {
      const account = await this.findById(id);
      if (account?.address === address) return account;
      // Only a record removed by hand gets here: look the address up afresh.
      this.ids.delete(address);
    }

    const account = await this.collection.findOne({ address });
    if (account) this.remember(account);
    return account;
  }

  /** The account with this id, if any. */
  findById(id: string): Promise<AccountRecord | null> {
    return this.cache.get(id, () => this.collection.findOne({ _id: id }));
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
    this.remember(account);
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
    await this.cache.changed(account._id);
  }

  private remember(account: AccountRecord): void {
    if (this.ids.has(account.address)) return;
    // Map order is insertion order: the first key is the oldest address.
    if (this.ids.size >= this.maxAddresses) this.ids.delete(this.ids.keys().next().value!);
    this.ids.set(account.address, account._id);
  }
}
