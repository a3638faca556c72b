import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { buildTestApp } from '../helpers/app.js';
import { challengeFor, signIn, TestWallet } from '../helpers/wallet.js';

describe('the sign-in lockout through HTTP', () => {
  let app: FastifyInstance;

  beforeEach(async () => {
    app = await buildTestApp({ env: { LOCKOUT_DURATION_MINUTES: '15' } });
  });

  afterEach(async () => {
    await app.close();
  });

  async function login(wallet: TestWallet, signer: TestWallet, ip = '192.0.2.10') {
    const message = await challengeFor(app, wallet);
    return app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { message, signature: signer.sign(message) },
      remoteAddress: ip,
    });
  }

  async function failTimes(wallet: TestWallet, times: number, ip?: string) {
    const codes = [];
    for (let n = 0; n < times; n += 1)
      codes.push((await login(wallet, new TestWallet(), ip)).statusCode);
    return codes;
  }

  it('locks an address out on the 6th try after 5 failures, even with the right key', async () => {
    const wallet = new TestWallet();
    await signIn(app, wallet, 'register');

    const failures = await failTimes(wallet, 5);
    const sixth = await login(wallet, wallet, '198.51.100.1');

    expect(failures).toEqual([401, 401, 401, 401, 401]);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toMatchObject({ statusCode: 429, code: 'LOCKED_OUT' });
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(Number(sixth.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
  });

  it('lets the address sign in again once the lock has expired', async () => {
    const wallet = new TestWallet();
    await signIn(app, wallet, 'register');
    await failTimes(wallet, 5);
    // Time passes through Redis: the lock's TTL is what ends it.
    await app.services.redis.pexpire(app.services.lockout.keys('address', wallet.address).lock, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const response = await login(wallet, wallet, '198.51.100.2');

    expect(response.statusCode).toBe(200);
  });

  it('locks an IP out after 5 failures across different addresses', async () => {
    const wallets = [new TestWallet(), new TestWallet(), new TestWallet()];
    for (const wallet of wallets) await signIn(app, wallet, 'register');
    await failTimes(wallets[0]!, 3, '203.0.113.9');
    await failTimes(wallets[1]!, 2, '203.0.113.9');

    const fromThatIp = await login(wallets[2]!, wallets[2]!, '203.0.113.9');
    const fromElsewhere = await login(wallets[2]!, wallets[2]!, '203.0.113.10');

    expect(fromThatIp.statusCode).toBe(429);
    expect(fromThatIp.json()).toMatchObject({ code: 'LOCKED_OUT' });
    expect(fromElsewhere.statusCode).toBe(200);
  });

  it('resets the address count on success', async () => {
    const wallet = new TestWallet();
    await signIn(app, wallet, 'register');
    await failTimes(wallet, 4, '198.51.100.3');
    expect((await login(wallet, wallet, '198.51.100.4')).statusCode).toBe(200);

    const again = await failTimes(wallet, 4, '198.51.100.5');
    const next = await login(wallet, wallet, '198.51.100.6');

    expect(again).toEqual([401, 401, 401, 401]);
    expect(next.statusCode).toBe(200);
  });

  it('audits the lockout once and counts it in the metrics', async () => {
    const wallet = new TestWallet();
    await signIn(app, wallet, 'register');
    await failTimes(wallet, 5, '198.51.100.7');
    await login(wallet, wallet, '198.51.100.8');

    const events = await app.services.audit.collection.find({ type: 'auth.lockout' }).toArray();
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });

    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      outcome: 'failure',
      actor: wallet.address,
      subject: wallet.address,
      ip: '198.51.100.7',
      reason: 'address-locked',
    });
    expect(metrics.body).toMatch(/auth_lockouts_total\{scope="address"\} 1/);
  });
});
