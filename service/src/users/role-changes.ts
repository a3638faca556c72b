import type { Collection, Db } from 'mongodb';

import { USERS_COLLECTION, type AccountRecord } from '../accounts/account-store.js';
import { ROLES, type Role } from '../rbac/roles.js';
import type { AccountChanged } from '../accounts/account-store.js';
import type { RoleLock } from './role-lock.js';

/** What a role change ended in. */
export type RoleChangeResult =
  | { status: 'changed'; from: Role; to: Role; account: AccountRecord }
  | { status: 'unchanged'; account: AccountRecord }
  | { status: 'not-found' }
  | { status: 'last-super-admin' }
  | { status: 'busy' };

/**
 * Grants and removes roles. Only SUPER_ADMIN reaches this (the route's permission); here
 * the rule is that the last SUPER_ADMIN keeps the role, checked and applied under a lock.
 */
export class RoleChanges {
  readonly #users: Collection<AccountRecord>;
  readonly #lock: RoleLock;
  readonly #changed: AccountChanged;

  constructor(db: Db, lock: RoleLock, changed: AccountChanged) {
    this.#users = db.collection<AccountRecord>(USERS_COLLECTION);
    this.#lock = lock;
    this.#changed = changed;
  }

  /** Sets an account's role. */
  async change(userId: string, to: Role, now: Date): Promise<RoleChangeResult> {
    const outcome = await this.#lock.withLock(async (): Promise<RoleChangeResult> => {
      const account = await this.#users.findOne({ _id: userId });
      if (!account) return { status: 'not-found' };
      if (account.role === to) return { status: 'unchanged', account };

      if (account.role === 'SUPER_ADMIN') {
        const superAdmins = await this.#users.countDocuments({ role: 'SUPER_ADMIN' });
        if (superAdmins <= 1) return { status: 'last-super-admin' };
      }

      await this.#users.updateOne({ _id: userId }, { $set: { role: to, updatedAt: now } });
      await this.#changed(userId);
      return { status: 'changed', from: account.role, to, account: { ...account, role: to } };
    });
    return outcome?.value ?? { status: 'busy' };
  }

  /**
   * Bootstraps the first SUPER_ADMINs: when no account holds the role, the existing accounts
   * of the configured addresses get it. Accounts created later for those addresses get it at
   * creation. Once any SUPER_ADMIN exists, roles change only through the role-change route,
   * so a SUPER_ADMIN's decision is not undone by a restart.
   */
  async bootstrap(addresses: readonly string[], now: Date): Promise<number> {
    if (addresses.length === 0) return 0;

    const outcome = await this.#lock.withLock(async () => {
      if ((await this.#users.countDocuments({ role: 'SUPER_ADMIN' })) > 0) return 0;
      const { modifiedCount } = await this.#users.updateMany(
        { address: { $in: [...addresses] } },
        { $set: { role: 'SUPER_ADMIN', updatedAt: now } },
      );
      if (modifiedCount > 0) await this.#changed();
      return modifiedCount;
    });
    return outcome?.value ?? 0;
  }
}

/** True when moving from `from` to `to` takes privileges away. */
export function isDemotion(from: Role, to: Role): boolean {
  return ROLES.indexOf(to) < ROLES.indexOf(from);
}
