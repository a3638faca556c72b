import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';

import { SignInLockout } from '../../../service/src/lockout/lockout.js';
import { testServices } from '../../support/services.js';

describe('the sign-in lockout', () => {
  const redis = new Redis(testServices().redisUri);
  const options = { maxFailures: 5, windowSeconds: 60, lockSeconds: 900 };

  function freshLockout(): SignInLockout {
    return new SignInLockout(redis, { prefix: `test:${randomUUID()}:`, ...options });
  }

  afterAll(() => {
    redis.disconnect();
  });

  it('locks an address on its fifth failure in the window, for the configured time', async () => {
    const lockout = freshLockout();
    const states = [];
    for (let ip = 1; ip <= 5; ip += 1) {
      states.push(await lockout.recordFailure({ address: 'TAlice', ip: `10.0.0.${ip}` }));
    }

    expect(states.slice(0, 4)).toEqual(Array(4).fill({ locked: false }));
    expect(states[4]).toEqual({ locked: true, scope: 'address', retryAfterSeconds: 900 });
    expect(await lockout.check({ address: 'TAlice', ip: '10.0.0.9' })).toMatchObject({
      locked: true,
      scope: 'address',
    });
    expect(await lockout.check({ address: 'TBob', ip: '10.0.0.9' })).toEqual({ locked: false });
  });

  it('keeps its keys under the Redis key prefix, each subject in one cluster slot', async () => {
    const prefix = `test:${randomUUID()}:`;
    const lockout = new SignInLockout(redis, { prefix, ...options });
    await lockout.recordFailure({ address: 'TCarol', ip: '10.0.0.3' });

    const keys = await redis.keys(`${prefix}*`);
    const { failures, lock } = lockout.keys('address', 'TCarol');
    const slotTag = (key: string) => /\{([^}]+)\}/.exec(key)?.[1];

    expect(keys.sort()).toEqual([failures, lockout.keys('ip', '10.0.0.3').failures].sort());
    expect(slotTag(failures)).toBe('lockout:address:TCarol');
    expect(slotTag(lock)).toBe(slotTag(failures));
  });

  it('locks an IP that fails five times across different addresses', async () => {
    const lockout = freshLockout();
    for (let n = 0; n < 5; n += 1) {
      await lockout.recordFailure({ address: `TUser${n}`, ip: '192.0.2.7' });
    }

    expect(await lockout.check({ address: 'TSomeoneElse', ip: '192.0.2.7' })).toEqual({
      locked: true,
      scope: 'ip',
      retryAfterSeconds: 900,
    });
  });

  it('resets the address count on success, so four more failures do not lock it', async () => {
    const lockout = freshLockout();
    for (let n = 0; n < 4; n += 1) {
      await lockout.recordFailure({ address: 'TCarol', ip: `198.51.100.${n}` });
    }
    await lockout.recordSuccess('TCarol');
    for (let n = 0; n < 4; n += 1) {
      await lockout.recordFailure({ address: 'TCarol', ip: `203.0.113.${n}` });
    }

    expect(await lockout.check({ address: 'TCarol', ip: '203.0.113.99' })).toEqual({
      locked: false,
    });
  });

  it('forgets failures once the window has passed', async () => {
    const lockout = freshLockout();
    for (let n = 0; n < 4; n += 1) {
      await lockout.recordFailure({ address: 'TDave', ip: `198.51.100.${n}` });
    }
    await redis.pexpire(lockout.keys('address', 'TDave').failures, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(await lockout.recordFailure({ address: 'TDave', ip: '198.51.100.50' })).toEqual({
      locked: false,
    });
  });

  it('lifts the lock when its time has passed', async () => {
    const lockout = freshLockout();
    for (let n = 0; n < 5; n += 1) {
      await lockout.recordFailure({ address: 'TErin', ip: `198.51.100.${n}` });
    }
    await redis.pexpire(lockout.keys('address', 'TErin').lock, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(await lockout.check({ address: 'TErin', ip: '198.51.100.77' })).toEqual({
      locked: false,
    });
  });

  it('counts every one of many concurrent failures, locking exactly at the limit', async () => {
    const lockout = new SignInLockout(redis, {
      prefix: `test:${randomUUID()}:`,
      maxFailures: 50,
      windowSeconds: 60,
      lockSeconds: 60,
    });
    const attempts = Array.from({ length: 49 }, (_, n) =>
      lockout.recordFailure({ address: 'TFrank', ip: `10.1.${Math.floor(n / 200)}.${n % 200}` }),
    );
    await Promise.all(attempts);

    expect(await lockout.check({ address: 'TFrank', ip: '10.9.9.9' })).toEqual({ locked: false });
    expect(await lockout.recordFailure({ address: 'TFrank', ip: '10.9.9.9' })).toMatchObject({
      locked: true,
      scope: 'address',
    });
  });

  it('refuses settings that are not positive integers, naming the setting', () => {
    expect(() => new SignInLockout(redis, { prefix: 'x:', ...options, lockSeconds: 0 })).toThrow(
      'Lockout option lockSeconds must be a positive integer, got 0',
    );
  });
});
