import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { BatchedRedisStore } from '../../../service/src/rate-limit/batched-store.js';
import { testServices } from '../../support/services.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';

const MINUTE_MS = 60_000;

// The service's own client settings: no offline queue, so a command fails while Redis is down.
function connect(uri = testServices().redisUri): Redis {
  const redis = new Redis(uri, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // Connection errors are expected in the outage cases; the commands report them.
  redis.on('error', () => undefined);
  return redis;
}

async function ready(redis: Redis): Promise<Redis> {
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  return redis;
}

/** One hit, as a promise whether the store answered at once or asked Redis. */
async function hit(store: BatchedRedisStore, key: string, max: number, windowMs = MINUTE_MS) {
  return store.hit(key, max, windowMs);
}

async function admitted(store: BatchedRedisStore, key: string, max: number, count: number) {
  const results = await Promise.all(Array.from({ length: count }, () => hit(store, key, max)));
  return results.filter((result) => result.current <= max).length;
}

describe('the batched rate-limit store', () => {
  const prefix = `test:${randomUUID()}:rate-limit:`;
  const admin = new Redis(testServices().redisUri);
  const clients: Redis[] = [];

  function store(redis: Redis): BatchedRedisStore {
    clients.push(redis);
    return new BatchedRedisStore({ redis, prefix });
  }

  async function shared(key: string): Promise<number> {
    return Number(await admin.get(prefix + key));
  }

  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
  });

  afterAll(() => {
    admin.disconnect();
  });

  it('admits exactly the limit on one replica, sequentially and all at once', async () => {
    const one = store(await ready(connect()));

    const sequential = [];
    for (let n = 0; n < 7; n += 1) sequential.push((await hit(one, 'one', 5)).current);

    expect(sequential).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await admitted(one, 'burst', 5, 40)).toBe(5);
    await one.flush();
    expect(await shared('burst')).toBe(40);
  });

  it('asks Redis for the window a first hit opens, then admits hits at once', async () => {
    const one = store(await ready(connect()));

    const first = one.hit('quick', 3, MINUTE_MS);
    expect(first).toBeInstanceOf(Promise);
    expect((await first).current).toBe(1);

    const second = one.hit('quick', 3, MINUTE_MS);
    expect(second).not.toBeInstanceOf(Promise);
    expect(second).toMatchObject({ current: 2 });
    // The last hit the limit allows, and every one past it, is decided by Redis.
    expect(one.hit('quick', 3, MINUTE_MS)).toMatchObject({ current: 3 });
    const past = one.hit('quick', 3, MINUTE_MS);
    expect(past).toBeInstanceOf(Promise);
    expect((await past).current).toBe(4);
    expect(await shared('quick')).toBe(4);
  });
  it('refuses on the shared count when two replicas share a counter', async () => {
    const first = store(await ready(connect()));
    const second = store(await ready(connect()));

    expect(await admitted(first, 'both', 5, 3)).toBe(3);
    await first.flush();
    expect(await admitted(second, 'both', 5, 4)).toBe(2);
    await second.flush();

    // The first replica last heard 3, so it admits one on that (the bounded overshoot the
    // store documents); the batch carrying it brings back the second's hits, then it refuses.
    expect((await hit(first, 'both', 5)).current).toBe(4);
    await first.flush();
    expect((await hit(first, 'both', 5)).current).toBeGreaterThan(5);
    expect((await hit(second, 'both', 5)).current).toBeGreaterThan(5);
  });

  it('starts a new window once the counter expires, admitting the limit again', async () => {
    const one = store(await ready(connect()));
    // Long enough for a burst even on a loaded machine, short enough to wait out.
    const windowMs = 2_000;
    const burst = async () => {
      const hits = Array.from({ length: 40 }, () => hit(one, 'short', 5, windowMs));
      return (await Promise.all(hits)).filter((result) => result.current <= 5).length;
    };
    expect(await burst()).toBe(5);

    await expect.poll(() => admin.exists(`${prefix}short`), { timeout: 20_000 }).toBe(0);

    expect(await burst()).toBe(5);
  });

  it('sends the hits admitted locally when flushed', async () => {
    const one = store(await ready(connect()));

    expect(await admitted(one, 'pending', 10, 6)).toBe(6);
    await one.flush();

    expect(await shared('pending')).toBe(6);
  });

  it('fails, rather than admits, when Redis cannot be reached', async () => {
    const closedPort = store(connect('redis://127.0.0.1:1'));

    await expect(hit(closedPort, 'down', 5)).rejects.toThrow();
  });

  it('fails, rather than admits, on a warm counter once its Redis connection drops', async () => {
    const proxy = await startTcpProxy(new URL(testServices().redisUri).host);
    const redis = await ready(connect(`redis://${proxy.address}`));
    const one = store(redis);
    expect(await admitted(one, 'warm', 100, 3)).toBe(3);
    expect((await hit(one, 'warm', 100)).current).toBe(4);

    await proxy.cut();
    await expect.poll(() => redis.status, { timeout: 10_000 }).not.toBe('ready');

    await expect(hit(one, 'warm', 100)).rejects.toThrow();
    await expect(one.flush()).resolves.toBeUndefined();
    await expect(hit(one, 'warm', 100)).rejects.toThrow();
  });
});
