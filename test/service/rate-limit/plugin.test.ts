import { randomUUID } from 'node:crypto';

import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { installRateLimits } from '../../../service/src/rate-limit/plugin.js';
import type { TierSelection } from '../../../service/src/rate-limit/tiers.js';
import { isRole } from '../../../service/src/rbac/roles.js';
import { testServices } from '../../support/services.js';

class TooManyRequests extends Error {
  readonly statusCode = 429;
  readonly code = 'RATE_LIMITED';
}

describe('the rate-limit tiers', () => {
  const redis = new Redis(testServices().redisUri);
  const limited: TierSelection[] = [];
  let app: FastifyInstance;

  // The caller comes from a header here; the service derives it from a verified access token.
  async function buildApp(): Promise<FastifyInstance> {
    const instance = Fastify();
    installRateLimits(instance, {
      redis,
      prefix: `test:${randomUUID()}:`,
      tiers: { unauthenticated: 3, authenticated: 5, admin: 8 },
      windowMs: 60_000,
      identify: (request) => {
        const [accountId, role] = String(request.headers['x-caller'] ?? '').split(':');
        return Promise.resolve(accountId && isRole(role) ? { accountId, role } : null);
      },
      tooManyRequests: () => new TooManyRequests('Too many requests'),
      onLimited: (_request, selection) => limited.push(selection),
    });
    instance.get('/ping', () => ({ ok: true }));
    instance.get('/health', { config: { rateLimit: false } }, () => ({ ok: true }));
    return instance;
  }

  async function hit(caller?: string, ip = '192.0.2.1') {
    const headers = caller ? { 'x-caller': caller } : {};
    return app.inject({ method: 'GET', url: '/ping', headers, remoteAddress: ip });
  }

  afterEach(async () => {
    await app.close();
    limited.length = 0;
  });

  afterAll(() => {
    redis.disconnect();
  });

  it('gives an anonymous IP its tier, then a 429 with its code and Retry-After', async () => {
    app = await buildApp();
    const answers = [];
    for (let n = 0; n < 4; n += 1) answers.push(await hit());

    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 429]);
    expect(answers[0]?.headers).toMatchObject({
      'ratelimit-limit': '3',
      'ratelimit-remaining': '2',
      'ratelimit-reset': '60',
    });
    expect(answers[3]?.headers).toMatchObject({
      'ratelimit-limit': '3',
      'ratelimit-remaining': '0',
      'retry-after': '60',
    });
    expect(answers[3]?.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(limited).toEqual([{ tier: 'unauthenticated', key: 'unauthenticated:192.0.2.1' }]);
  });

  it('counts anonymous requests per IP, so another IP keeps its own allowance', async () => {
    app = await buildApp();
    for (let n = 0; n < 3; n += 1) await hit(undefined, '192.0.2.1');

    expect((await hit(undefined, '192.0.2.1')).statusCode).toBe(429);
    expect((await hit(undefined, '192.0.2.2')).statusCode).toBe(200);
  });

  it('counts a signed-in account across IPs, with the authenticated allowance', async () => {
    app = await buildApp();
    const codes = [];
    for (let n = 0; n < 6; n += 1) codes.push((await hit('u1:USER', `198.51.100.${n}`)).statusCode);

    expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await hit('u2:NODE_OPERATOR')).headers['ratelimit-limit']).toBe('5');
  });

  it('gives ADMIN and SUPER_ADMIN accounts the largest allowance', async () => {
    app = await buildApp();
    const codes = [];
    for (let n = 0; n < 9; n += 1) codes.push((await hit('a1:ADMIN')).statusCode);

    expect(codes.filter((code) => code === 200)).toHaveLength(8);
    expect(codes[8]).toBe(429);
    expect((await hit('s1:SUPER_ADMIN')).headers['ratelimit-limit']).toBe('8');
    expect(limited).toEqual([{ tier: 'admin', key: 'admin:a1' }]);
  });

  it('lets a counter start over when its window ends', async () => {
    app = await buildApp();
    for (let n = 0; n < 4; n += 1) await hit(undefined, '203.0.113.5');
    const keys = await redis.keys('*rate-limit:*unauthenticated:203.0.113.5');
    await Promise.all(keys.map((key) => redis.pexpire(key, 1)));
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect((await hit(undefined, '203.0.113.5')).statusCode).toBe(200);
  });

  it('leaves routes that opt out unmetered', async () => {
    app = await buildApp();
    const answer = await app.inject({ method: 'GET', url: '/health' });

    expect(answer.statusCode).toBe(200);
    expect(answer.headers['ratelimit-limit']).toBeUndefined();
  });

  it('refuses a tier limit that is not a positive integer, naming the tier', async () => {
    const instance = Fastify();
    const options = {
      redis,
      prefix: 'x:',
      tiers: { unauthenticated: 1, authenticated: 0, admin: 1 },
      windowMs: 1000,
      identify: () => Promise.resolve(null),
      tooManyRequests: () => new TooManyRequests(),
    };

    expect(() => installRateLimits(instance, options)).toThrow(
      'Rate limit for the authenticated tier must be a positive integer, got 0',
    );
    await instance.close();
  });
});
