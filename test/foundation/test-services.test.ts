import { randomUUID } from 'node:crypto';

import { MongoClient } from 'mongodb';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testServices } from '../support/services.js';

describe('the test services', () => {
  const { mongodbUri, redisUri } = testServices();
  const mongo = new MongoClient(mongodbUri);
  const redis = new Redis(redisUri);
  const dbName = `foundation_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    await mongo.connect();
  });

  afterAll(async () => {
    await mongo.db(dbName).dropDatabase();
    await mongo.close();
    redis.disconnect();
  });

  it('stores and reads back a document over the MongoDB wire protocol', async () => {
    const users = mongo.db(dbName).collection<{ _id: string; role: string }>('users');
    await users.insertOne({ _id: 'u1', role: 'USER' });

    expect(await users.findOne({ _id: 'u1' })).toEqual({ _id: 'u1', role: 'USER' });
  });

  it('rejects a duplicate key through a unique index, the atomicity the service relies on', async () => {
    const nonces = mongo.db(dbName).collection<{ value: string }>('nonces');
    await nonces.createIndex({ value: 1 }, { unique: true });
    await nonces.insertOne({ value: 'n1' });

    await expect(nonces.insertOne({ value: 'n1' })).rejects.toMatchObject({ code: 11000 });
  });

  it('consumes a Redis key exactly once with GETDEL', async () => {
    const key = `foundation:${randomUUID()}`;
    await redis.set(key, 'challenge', 'EX', 60);

    const results = await Promise.all([redis.getdel(key), redis.getdel(key)]);

    expect(results.filter((value) => value === 'challenge')).toHaveLength(1);
  });
});
