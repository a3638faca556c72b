import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AUDIT_EVENT_TYPES, type AuditEvent } from '../../../service/src/audit/audit-event.js';
import { buildTestApp } from '../helpers/app.js';
import { challengeFor, signIn, TestWallet, type Tokens } from '../helpers/wallet.js';
import { accountWithRole, bearer } from '../routes/support/accounts.js';

describe('the audit trail of a whole story', () => {
  let app: FastifyInstance;
  let events: AuditEvent[];
  // Everything secret the story handles: none of it may reach the audit log.
  const secrets: string[] = [];

  function keep(tokens: Tokens): Tokens {
    secrets.push(tokens.accessToken, tokens.refreshToken);
    return tokens;
  }

  function signed(wallet: TestWallet, message: string) {
    const signature = wallet.sign(message);
    secrets.push(signature.slice(2), /Nonce: (\w+)/.exec(message)![1]!);
    return { message, signature };
  }

  async function post(url: string, payload: object, headers = {}, remoteAddress = '127.0.0.1') {
    const allHeaders = { 'user-agent': 'story', ...headers };
    return app.inject({ method: 'POST', url, payload, headers: allHeaders, remoteAddress });
  }

  beforeAll(async () => {
    app = await buildTestApp({ env: { RATE_LIMIT_UNAUTHENTICATED: '60' } });
    const root = await accountWithRole(app, 'SUPER_ADMIN');
    keep(root.tokens);

    const alice = new TestWallet();
    const registered = keep(await signIn(app, alice, 'register'));
    const loggedIn = keep(await signIn(app, alice, 'login'));

    const badLogin = signed(new TestWallet(), await challengeFor(app, alice));
    await post('/api/v1/auth/login', badLogin);

    const refreshed = await post('/api/v1/auth/refresh', { refreshToken: registered.refreshToken });
    keep(refreshed.json());
    await post('/api/v1/auth/refresh', { refreshToken: registered.refreshToken });

    await post('/api/v1/auth/logout', {}, bearer(loggedIn));

    const third = keep(await signIn(app, alice, 'login'));
    const fourth = keep(await signIn(app, alice, 'login'));
    await app.inject({
      method: 'DELETE',
      url: `/api/v1/sessions/${fourth.sessionId}`,
      headers: bearer(third),
    });

    await app.inject({
      method: 'PUT',
      url: `/api/v1/users/${third.user.id}/role`,
      headers: root.headers,
      payload: { role: 'NODE_OPERATOR' },
    });

    const device = new TestWallet();
    const hw = (url: string, payload: object) =>
      post(`/api/v1/hardware-wallets${url}`, payload, root.headers);
    const registration = await hw('/register/challenge', {
      deviceType: 'ledger',
      address: device.address,
      label: 'Ledger',
    });
    const wallet = await hw(
      '/register',
      signed(device, registration.json<{ message: string }>().message),
    );
    const verification = await hw('/verify/challenge', {
      walletId: wallet.json<{ id: string }>().id,
    });
    await hw('/verify', signed(device, verification.json<{ message: string }>().message));

    const mallory = new TestWallet();
    await signIn(app, mallory, 'register').then(keep);
    for (let n = 0; n < 5; n += 1) {
      const attempt = signed(new TestWallet(), await challengeFor(app, mallory));
      await post('/api/v1/auth/login', attempt, {}, '198.51.100.66');
    }

    for (let n = 0; n < 61; n += 1) {
      await app.inject({ method: 'GET', url: '/api/v1/meta/info', remoteAddress: '192.0.2.99' });
    }

    // The rate-limit event is written after its 429 has gone out; wait for it.
    const audit = app.services.audit.collection;
    for (let n = 0; n < 50 && !(await audit.findOne({ type: 'rate-limit.hit' })); n += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    events = await audit.find({}, { projection: { _id: 0 } }).toArray();
  });

  afterAll(async () => {
    await app.close();
  });

  it.each(AUDIT_EVENT_TYPES.map((type) => ({ type })))('records $type', ({ type }) => {
    const found = events.filter((event) => event.type === type);

    expect(found.length).toBeGreaterThan(0);
    for (const event of found) {
      expect(event.time).toBeInstanceOf(Date);
      expect(event.ip).toMatch(/^[\d.:a-f]+$/);
      expect(event.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(['success', 'failure']).toContain(event.outcome);
      expect(event).toHaveProperty('actor');
      expect(event).toHaveProperty('subject');
      expect(event).toHaveProperty('userAgent');
    }
  });

  it('records a failed sign-in with its reason and a successful one with its session', () => {
    const logins = events.filter((event) => event.type === 'auth.login');

    expect(logins).toContainEqual(
      expect.objectContaining({ outcome: 'failure', reason: 'bad-signature', userAgent: 'story' }),
    );
    const success = logins.find((event) => event.outcome === 'success');
    expect(success?.details?.sessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('holds no token, signature, nonce or message text anywhere', () => {
    const stored = JSON.stringify(events);

    expect(secrets.length).toBeGreaterThan(20);
    for (const secret of secrets) expect(stored).not.toContain(secret);
    expect(stored).not.toContain('wants you to sign in');
  });

  it('serves the events through GET /api/v1/audit with the same filters', async () => {
    const admin = await accountWithRole(app, 'ADMIN');
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/audit?type=hardware-wallet.verify&limit=1',
      headers: admin.headers,
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      items: [{ type: 'hardware-wallet.verify', outcome: 'success' }],
      nextCursor: null,
    });
  });
});
