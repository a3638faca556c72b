import { randomBytes, randomUUID } from 'node:crypto';

import { MongoClient, type Db } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  USERS_COLLECTION,
  type AccountRecord,
} from '../../../service/src/accounts/account-store.js';
import { Profiles, type UserRecord } from '../../../service/src/users/profile.js';
import { testServices } from '../../support/services.js';
import { startReplicaCache, type ReplicaCache } from '../helpers/account-cache.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';

/** One service replica's share of the cache: its own Redis connections and subscription. */
interface Replica extends ReplicaCache {
  profiles: Profiles;
}

describe('the account cache shared by replicas through Redis', () => {
  const { mongodbUri, redisUri } = testServices();
  const mongo = new MongoClient(mongodbUri);
  const prefix = `test:${randomUUID()}:`;
  const replicas: Replica[] = [];
  let db: Db;

  async function replica(uri = redisUri): Promise<Replica> {
    const { redis, feed, cache, stop } = await startReplicaCache(uri, prefix);
    const created = { redis, feed, cache, stop, profiles: new Profiles(db, cache) };
    replicas.push(created);
    return created;
  }

  async function account(displayName: string): Promise<string> {
    const now = new Date();
    const record: AccountRecord & { displayName: string } = {
      _id: randomUUID(),
      address: `T${randomBytes(16).toString('hex')}`,
      role: 'USER',
      createdAt: now,
      updatedAt: now,
      lastSignInAt: null,
      displayName,
    };
    await db.collection<AccountRecord>(USERS_COLLECTION).insertOne(record);
    return record._id;
  }

  // Changes the stored account behind every cache's back, as no service code path does.
  async function overwrite(id: string, displayName: string): Promise<void> {
    await db
      .collection<AccountRecord>(USERS_COLLECTION)
      .updateOne({ _id: id }, { $set: { displayName } });
  }

  /** A loader that counts its calls and reads the account from MongoDB. */
  function countingLoader(id: string) {
    const load = Object.assign(
      async () => {
        load.calls += 1;
        return db.collection<UserRecord>(USERS_COLLECTION).findOne({ _id: id });
      },
      { calls: 0 },
    );
    return load;
  }

  beforeAll(async () => {
    await mongo.connect();
    db = mongo.db(`test_profile_cache_${randomBytes(6).toString('hex')}`);
  });

  afterEach(async () => {
    for (const { stop } of replicas.splice(0)) await stop();
  });

  afterAll(async () => {
    await db.dropDatabase();
    await mongo.close();
  });

  it("drops another replica's copy when one announces a change to the account", async () => {
    const [writer, reader] = [await replica(), await replica()];
    const id = await account('Alice');
    expect((await reader.profiles.find(id))?.displayName).toBe('Alice');

    // The reader answers from its copy, not from MongoDB...
    await overwrite(id, 'Alice (unannounced)');
    expect((await reader.profiles.find(id))?.displayName).toBe('Alice');

    // ...until the writer's announcement of its own change reaches it.
    await writer.profiles.update(id, { displayName: 'Alicia' }, new Date());
    await expect
      .poll(async () => (await reader.profiles.find(id))?.displayName, { timeout: 10_000 })
      .toBe('Alicia');
  });

  it('does not keep a read that was in flight when an announcement arrived', async () => {
    const [writer, reader] = [await replica(), await replica()];
    const [id, other] = [await account('Bob'), await account('Carol')];
    const otherLoad = countingLoader(other);
    await reader.cache.get(other, otherLoad);

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowLoad = countingLoader(id);
    const inFlight = reader.cache.get(id, async () => {
      const value = await slowLoad();
      await gate;
      return value;
    });
    await expect.poll(() => slowLoad.calls).toBe(1);

    // Announcements arrive in order: once the second has dropped the reader's copy of the
    // other account, the first, about the account being read, has arrived too.
    await writer.cache.changed(id);
    await writer.cache.changed(other);
    await expect
      .poll(async () => (await reader.cache.get(other, otherLoad), otherLoad.calls), {
        timeout: 10_000,
      })
      .toBeGreaterThan(1);
    release();
    expect((await inFlight)?.displayName).toBe('Bob');

    const nextLoad = countingLoader(id);
    await reader.cache.get(id, nextLoad);
    expect(nextLoad.calls).toBe(1);
  });

  it('reads from MongoDB while its subscription is down', async () => {
    const proxy = await startTcpProxy(new URL(redisUri).host);
    const cut = await replica(`redis://${proxy.address}`);
    const id = await account('Dave');
    expect((await cut.profiles.find(id))?.displayName).toBe('Dave');

    await proxy.cut();
    await expect.poll(() => cut.feed.live, { timeout: 10_000 }).toBe(false);

    // No announcement can arrive now, so every read goes to the stored account.
    await overwrite(id, 'David');
    expect((await cut.profiles.find(id))?.displayName).toBe('David');
    const load = countingLoader(id);
    await cut.cache.get(id, load);
    await cut.cache.get(id, load);
    expect(load.calls).toBe(2);
  });
});
