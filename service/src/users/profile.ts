import type { Collection, Db } from 'mongodb';

import { USERS_COLLECTION, type AccountRecord } from '../accounts/account-store.js';
import type { ProfileCache } from './profile-cache.js';

/** The fields a person may change about their own account. */
export interface ProfileFields {
  displayName: string | null;
  email: string | null;
}

/** An account with its profile fields, as stored (older records may lack them). */
export type UserRecord = AccountRecord & Partial<ProfileFields>;

/** A change to a profile: a field left out stays as it is, null clears it. */
export type ProfileChange = Partial<ProfileFields>;

/**
 * Account profiles: reads accounts with their profile fields and applies the changes a
 * person may make to their own. Roles are not changed here (see RoleChanges).
 */
export class Profiles {
  readonly #users: Collection<UserRecord>;
  readonly #cache: ProfileCache<UserRecord | null>;

  constructor(db: Db, cache: ProfileCache<UserRecord | null>) {
    this.#users = db.collection<UserRecord>(USERS_COLLECTION);
    this.#cache = cache;
  }

  /** The account with this id, or null. */
  find(id: string): Promise<UserRecord | null> {
    return this.#cache.get(id, () => this.#users.findOne({ _id: id }));
  }

  /** Applies a change and returns the account after it, or null when it does not exist. */
  async update(id: string, change: ProfileChange, now: Date): Promise<UserRecord | null> {
    const set: Partial<UserRecord> = { updatedAt: now };
    if (change.displayName !== undefined) set.displayName = normalize(change.displayName);
    if (change.email !== undefined) set.email = change.email?.toLowerCase() ?? null;

    const { matchedCount } = await this.#users.updateOne({ _id: id }, { $set: set });
    if (matchedCount === 0) return null;
    await this.#cache.changed(id);
    return this.find(id);
  }
}

// Surrounding blanks are dropped so "Alice " and "Alice" are one name; empty means none.
function normalize(name: string | null): string | null {
  const trimmed = name?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
