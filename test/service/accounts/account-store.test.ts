import { randomBytes, randomUUID } from 'node:crypto';

import { MongoClient, type Db } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  AccountStore,
  USERS_COLLECTION,
  type AccountRecord,
} from '../../../service/src/accounts/account-store.js';
import { RoleChanges } from '../../../service/src/users/role-changes.js';
import { RoleLock } from '../../../service/src/users/role-lock.js';
import { testServices } from '../../support/services.js';
import { startReplicaCache } from '../helpers/account-cache.js';

/** One replica: its own MongoDB client (counting its account reads), Redis and cache. */
interface Replica {
  accounts: AccountStore;
  roles: RoleChanges;
  /** `find` commands this replica sent to the accounts collection so far. */
  reads: () => number;
}

describe('account lookups of sign-in and refresh', () => {
  const { mongodbUri, redisUri } = testServices();
  const database = `test_account_store_${randomBytes(6).toString('hex')}`;
  const prefix = `test:${randomUUID()}:`;
  const cleanups: (() => Promise<void>)[] = [];
  const admin = new MongoClient(mongodbUri);
  let db: Db;

  async function replica(ttlMs = 60_000): Promise<Replica> {
    const mongo = new MongoClient(mongodbUri, { monitorCommands: true });
    let reads = 0;
    mongo.on('commandStarted', (event) => {
      if (event.commandName === 'find' && event.command.find === USERS_COLLECTION) reads += 1;
    });
    await mongo.connect();

    const { redis, cache, stop } = await startReplicaCache(redisUri, prefix, ttlMs);
    cleanups.push(async () => {
      await stop();
      await mongo.close();
    });

    const replicaDb = mongo.db(database);
    const lock = new RoleLock(redis, prefix, 5_000);
    return {
      accounts: new AccountStore(replicaDb, [], cache, 100),
      roles: new RoleChanges(replicaDb, lock, (id) => cache.changed(id)),
      reads: () => reads,
    };
  }

  const address = () => `T${randomBytes(16).toString('hex')}`;

  beforeAll(async () => {
    await admin.connect();
    db = admin.db(database);
    await new AccountStore(
      db,
      [],
      { get: (_id, load) => load(), changed: async () => {} },
      1,
    ).ensureIndexes();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  afterAll(async () => {
    await db.dropDatabase();
    await admin.close();
  });

  it('reads a known account once per replica, then answers its lookups from memory', async () => {
    const [registrar, other] = [await replica(), await replica()];
    const created = await registrar.accounts.create(address(), new Date());

    // The registering replica knows the address's account id from creating it.
    expect(await registrar.accounts.findByAddress(created.address)).toEqual(created);
    expect(await registrar.accounts.findByAddress(created.address)).toEqual(created);
    expect(registrar.reads()).toBe(1);

    // Another replica asks by address once, learning the id; the next lookup reads by id,
    // through the cache, and keeps the copy: from then on no lookup is a query.
    expect((await other.accounts.findByAddress(created.address))?._id).toBe(created._id);
    expect((await other.accounts.findByAddress(created.address))?._id).toBe(created._id);
    expect(other.reads()).toBe(2);
    expect((await other.accounts.findByAddress(created.address))?._id).toBe(created._id);
    expect((await other.accounts.findById(created._id))?._id).toBe(created._id);
    expect(other.reads()).toBe(2);
  });

  it("sees a role change made on another replica at the next lookup after it's announced", async () => {
    const [signIns, admins] = [await replica(), await replica()];
    const created = await signIns.accounts.create(address(), new Date());
    expect((await signIns.accounts.findByAddress(created.address))?.role).toBe('USER');

    await admins.roles.change(created._id, 'NODE_OPERATOR', new Date());

    await expect
      .poll(async () => (await signIns.accounts.findByAddress(created.address))?.role, {
        timeout: 10_000,
      })
      .toBe('NODE_OPERATOR');
  });

  it('looks an address up afresh once a removed account has left the cache', async () => {
    const signIns = await replica(500);
    const first = await signIns.accounts.create(address(), new Date());
    await signIns.accounts.findByAddress(first.address);

    // No service path deletes accounts; an operator can, by hand, and the address is free.
    await db.collection<AccountRecord>(USERS_COLLECTION).deleteOne({ _id: first._id });
    const registrar = await replica();
    const second = await registrar.accounts.create(first.address, new Date());

    // A removal by hand announces nothing: the first replica serves its copy until the
    // copy's time is up, then finds no account under the old id and asks by address.
    expect((await signIns.accounts.findByAddress(first.address))?._id).toBe(first._id);
    await expect
      .poll(async () => (await signIns.accounts.findByAddress(first.address))?._id, {
        timeout: 5_000,
      })
      .toBe(second._id);
  });
});
