import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';

import { buildTestApp } from '../helpers/app.js';
import { accountWithRole } from './support/accounts.js';

describe('the account profile routes', () => {
  let app: FastifyInstance;

  afterEach(async () => {
    await app.close();
  });

  it("shows the caller's account with its role and permissions", async () => {
    app = await buildTestApp();
    const me = await accountWithRole(app, 'NODE_OPERATOR');

    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: me.headers,
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: me.id,
      address: me.wallet.address,
      role: 'NODE_OPERATOR',
      displayName: null,
      email: null,
    });
    expect(response.json<{ permissions: string[] }>().permissions).toContain('nodes:operate');
    expect(response.json<{ permissions: string[] }>().permissions).not.toContain('audit:read');
  });

  it('changes display name and e-mail (trimmed, lower-cased) and clears with null', async () => {
    app = await buildTestApp();
    const me = await accountWithRole(app, 'USER');
    const put = (payload: object) =>
      app.inject({ method: 'PUT', url: '/api/v1/users/me', headers: me.headers, payload });

    const first = await put({ displayName: '  Ada Lovelace ', email: 'Ada@Example.COM' });
    const second = await put({ email: null });

    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ displayName: 'Ada Lovelace', email: 'ada@example.com' });
    expect(second.json()).toMatchObject({ displayName: 'Ada Lovelace', email: null });
  });

  it.each([
    ['an invalid e-mail', { email: 'not-an-address' }],
    ['a blank display name', { displayName: '   ' }],
    ['a display name with a control character', { displayName: 'Ada\u0007' }],
    ['a display name over 64 characters', { displayName: 'x'.repeat(65) }],
    ['a field people may not change', { role: 'ADMIN' }],
    ['an empty change', {}],
  ])('refuses %s with 400 VALIDATION_ERROR', async (_name, payload) => {
    app = await buildTestApp();
    const me = await accountWithRole(app, 'USER');

    const response = await app.inject({
      method: 'PUT',
      url: '/api/v1/users/me',
      headers: me.headers,
      payload,
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_ERROR' });
  });

  it('lets an ADMIN read any account, and answers 404 for an unknown one', async () => {
    app = await buildTestApp();
    const user = await accountWithRole(app, 'USER');
    const admin = await accountWithRole(app, 'ADMIN');

    const found = await app.inject({
      method: 'GET',
      url: `/api/v1/users/${user.id}`,
      headers: admin.headers,
    });
    const missing = await app.inject({
      method: 'GET',
      url: '/api/v1/users/00000000-0000-4000-8000-000000000000',
      headers: admin.headers,
    });

    expect(found.json()).toMatchObject({ id: user.id, role: 'USER' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
