import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../../../service/src/app.js';
import { buildTestApp, testConfig } from '../helpers/app.js';
import { accountWithRole, type TestAccount } from '../routes/support/accounts.js';

describe('the rate-limit tiers through HTTP', () => {
  const config = testConfig({
    RATE_LIMIT_UNAUTHENTICATED: '3',
    RATE_LIMIT_AUTHENTICATED: '5',
    RATE_LIMIT_ADMIN: '8',
  });
  let app: FastifyInstance;
  const accounts: Record<'user' | 'operator' | 'admin' | 'root', TestAccount> = {} as never;

  beforeAll(async () => {
    // Accounts are made through a second app on the same database and key prefix, whose
    // own limits leave room for the sign-ins; the app under test keeps the small limits.
    const setup = await buildApp({ config: { ...config, rateLimitUnauthenticated: 1_000 } });
    accounts.user = await accountWithRole(setup, 'USER');
    accounts.operator = await accountWithRole(setup, 'NODE_OPERATOR');
    accounts.admin = await accountWithRole(setup, 'ADMIN');
    accounts.root = await accountWithRole(setup, 'SUPER_ADMIN');
    await setup.close();
    app = await buildTestApp({ config });
  });

  afterAll(async () => {
    await app.close();
  });

  function get(url: string, ip: string, headers: Record<string, string> = {}) {
    return app.inject({ method: 'GET', url, headers, remoteAddress: ip });
  }

  async function statuses(count: number, send: () => ReturnType<typeof get>) {
    const answers = [];
    for (let n = 0; n < count; n += 1) answers.push(await send());
    return answers;
  }

  it('gives an anonymous IP 3 requests, then 429 RATE_LIMITED with the headers', async () => {
    const answers = await statuses(4, () => get('/api/v1/meta/info', '192.0.2.50'));

    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 429]);
    expect(answers[0]?.headers).toMatchObject({
      'ratelimit-limit': '3',
      'ratelimit-remaining': '2',
      'ratelimit-reset': '60',
    });
    expect(answers[3]?.headers).toMatchObject({ 'ratelimit-remaining': '0', 'retry-after': '60' });
    expect(answers[3]?.json()).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      error: 'Too Many Requests',
      message: 'Too many requests: retry after the given time',
    });
    expect((await get('/api/v1/meta/info', '192.0.2.51')).statusCode).toBe(200);
  });

  it('gives USER and NODE_OPERATOR accounts 5 requests each, wherever they come from', async () => {
    const user = await statuses(6, () =>
      get(
        '/api/v1/users/me',
        `198.51.100.${Math.floor(Math.random() * 200)}`,
        accounts.user.headers,
      ),
    );
    const operator = await get('/api/v1/users/me', '198.51.100.1', accounts.operator.headers);

    expect(user.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(user[0]?.headers['ratelimit-limit']).toBe('5');
    expect(operator.headers['ratelimit-limit']).toBe('5');
  });

  it('gives ADMIN and SUPER_ADMIN accounts 8 requests each', async () => {
    const admin = await statuses(9, () =>
      get('/api/v1/audit', '198.51.100.2', accounts.admin.headers),
    );
    const root = await get('/api/v1/audit', '198.51.100.2', accounts.root.headers);

    expect(admin.filter((answer) => answer.statusCode === 200)).toHaveLength(8);
    expect(admin[8]?.statusCode).toBe(429);
    expect(root.headers['ratelimit-limit']).toBe('8');
    expect(root.statusCode).toBe(200);
  });

  it('charges requests with a bad token to their IP, before any token check', async () => {
    const forged = { authorization: 'Bearer aaaa.bbbb.cccc' };

    const answers = await statuses(4, () => get('/api/v1/users/me', '192.0.2.60', forged));

    expect(answers.map((answer) => answer.statusCode)).toEqual([401, 401, 401, 429]);
  });

  it('audits the first refusal of a counter in a window, not every one', async () => {
    await statuses(6, () => get('/api/v1/meta/info', '192.0.2.70'));
    const find = () =>
      app.services.audit.collection
        .find({ type: 'rate-limit.hit', subject: '192.0.2.70' })
        .toArray();

    // Each refusal first claims a Redis marker; a PING answered after those claims means
    // the later refusals have already found it taken. The one write then lands beside its 429.
    await app.services.redis.ping();
    await expect.poll(async () => (await find()).length).toBe(1);
    const events = await find();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'failure', actor: null, reason: 'unauthenticated' });
  });

  it('never limits the health probes', async () => {
    const answers = await statuses(5, () => get('/health/live', '192.0.2.80'));

    expect(answers.every((answer) => answer.statusCode === 200)).toBe(true);
    expect(answers[0]?.headers['ratelimit-limit']).toBeUndefined();
  });
});

describe('the rate limit when Redis goes away', () => {
  it('refuses with a retryable 503 once Redis drops, even for a caller counted locally', async () => {
    const app = await buildTestApp();
    try {
      const get = () =>
        app.inject({ method: 'GET', url: '/api/v1/meta/info', remoteAddress: '192.0.2.90' });
      // The first request asks Redis; the second is admitted on the count kept in memory.
      expect((await get()).statusCode).toBe(200);
      expect((await get()).statusCode).toBe(200);

      // The local count is trusted until the client sees the connection close.
      app.services.redis.disconnect();
      await expect.poll(() => app.services.redis.status, { timeout: 10_000 }).not.toBe('ready');
      const response = await get();

      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
    } finally {
      await app.close();
    }
  });
});
