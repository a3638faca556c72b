import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';

import { USERS_COLLECTION } from '../../../service/src/accounts/account-store.js';
import { buildApp } from '../../../service/src/app.js';
import { buildTestApp, testConfig } from '../helpers/app.js';
import { signIn, TestWallet } from '../helpers/wallet.js';
import { accountWithRole, bearer, type TestAccount } from './support/accounts.js';

describe('role changes', () => {
  let app: FastifyInstance;

  afterEach(async () => {
    await app.close();
  });

  function setRole(caller: TestAccount, target: string, role: string) {
    return app.inject({
      method: 'PUT',
      url: `/api/v1/users/${target}/role`,
      headers: caller.headers,
      payload: { role },
    });
  }

  function superAdminCount() {
    return app.services.mongo.db
      .collection(USERS_COLLECTION)
      .countDocuments({ role: 'SUPER_ADMIN' });
  }

  it('lets a SUPER_ADMIN grant a role that the next access token carries, audited', async () => {
    app = await buildTestApp();
    const root = await accountWithRole(app, 'SUPER_ADMIN');
    const user = await accountWithRole(app, 'USER');

    const granted = await setRole(root, user.id, 'ADMIN');
    const next = await signIn(app, user.wallet, 'login');
    const audit = await app.inject({
      method: 'GET',
      url: `/api/v1/audit?type=role.change&subject=${user.id}`,
      headers: root.headers,
    });

    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ id: user.id, role: 'ADMIN' });
    expect(next.user.role).toBe('ADMIN');
    expect(audit.json()).toMatchObject({
      items: [{ actor: root.id, outcome: 'success', details: { from: 'USER', to: 'ADMIN' } }],
    });
  });

  it('ends the sessions of an account that loses privileges, so it holds at once', async () => {
    app = await buildTestApp();
    const root = await accountWithRole(app, 'SUPER_ADMIN');
    const admin = await accountWithRole(app, 'ADMIN');

    const demoted = await setRole(root, admin.id, 'USER');
    const reuse = await app.inject({ method: 'GET', url: '/api/v1/audit', headers: admin.headers });

    expect(demoted.json()).toMatchObject({ role: 'USER' });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json()).toMatchObject({ code: 'ACCESS_TOKEN_INVALID' });
  });

  it('refuses to remove the last SUPER_ADMIN, and audits the refusal', async () => {
    app = await buildTestApp();
    const root = await accountWithRole(app, 'SUPER_ADMIN');

    const response = await setRole(root, root.id, 'ADMIN');

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'LAST_SUPER_ADMIN' });
    expect(await superAdminCount()).toBe(1);
    const audit = await app.inject({
      method: 'GET',
      url: '/api/v1/audit?type=role.change',
      headers: root.headers,
    });
    expect(audit.json()).toMatchObject({
      items: [{ actor: root.id, subject: root.id, outcome: 'failure', reason: 'last-super-admin' }],
    });
  });

  it('keeps one SUPER_ADMIN when two demote each other at the same moment', async () => {
    app = await buildTestApp();
    const one = await accountWithRole(app, 'SUPER_ADMIN');
    const two = await accountWithRole(app, 'SUPER_ADMIN');

    const answers = await Promise.all([setRole(one, two.id, 'USER'), setRole(two, one.id, 'USER')]);

    const codes = answers.map((answer) => answer.statusCode);
    expect(codes.filter((code) => code === 200)).toHaveLength(1);
    // The loser either lost its own role first (its token's session was ended: 401) or met
    // the last-SUPER_ADMIN rule (409).
    expect(codes.some((code) => code === 401 || code === 409)).toBe(true);
    expect(await superAdminCount()).toBe(1);
  });

  it('answers 404 for an unknown account and 400 for an unknown role', async () => {
    app = await buildTestApp();
    const root = await accountWithRole(app, 'SUPER_ADMIN');

    const unknown = await setRole(root, '00000000-0000-4000-8000-000000000000', 'ADMIN');
    const badRole = await setRole(root, root.id, 'OWNER');

    expect(unknown.statusCode).toBe(404);
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json()).toMatchObject({ code: 'VALIDATION_ERROR' });
  });

  it('makes the configured addresses SUPER_ADMIN when their accounts are created', async () => {
    const wallet = new TestWallet();
    app = await buildTestApp({ env: { SUPER_ADMIN_ADDRESSES: wallet.address } });

    const tokens = await signIn(app, wallet, 'register');

    expect(tokens.user.role).toBe('SUPER_ADMIN');
  });

  it('promotes existing configured accounts at start while no SUPER_ADMIN exists', async () => {
    const wallet = new TestWallet();
    const config = testConfig();
    // The first app is built without the test hook that drops its data on close.
    const before = await buildApp({ config });
    await signIn(before, wallet, 'register');
    await before.close();

    app = await buildTestApp({ config: { ...config, superAdminAddresses: [wallet.address] } });
    const tokens = await signIn(app, wallet, 'login');

    expect(tokens.user.role).toBe('SUPER_ADMIN');
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: bearer(tokens),
    });
    expect(me.json()).toMatchObject({ role: 'SUPER_ADMIN' });
  });
});
