import { randomUUID } from 'node:crypto';

import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Role } from '../../../service/src/rbac/roles.js';
import { buildTestApp } from '../helpers/app.js';
import { TestWallet } from '../helpers/wallet.js';
import { accountWithRole, type TestAccount } from './support/accounts.js';

type Expectation = 'allowed' | 'forbidden' | 'hidden';

interface GuardedRoute {
  name: string;
  request: (victim: TestAccount) => InjectOptions;
  /** The answer for USER, NODE_OPERATOR, ADMIN and SUPER_ADMIN, in that order. */
  expect: [Expectation, Expectation, Expectation, Expectation];
  /** The status of an allowed call. */
  status: number;
}

const ROLES: Role[] = ['USER', 'NODE_OPERATOR', 'ADMIN', 'SUPER_ADMIN'];
const EVERYONE: GuardedRoute['expect'] = ['allowed', 'allowed', 'allowed', 'allowed'];
const ADMINS: GuardedRoute['expect'] = ['forbidden', 'forbidden', 'allowed', 'allowed'];
const ADMINS_ELSE_HIDDEN: GuardedRoute['expect'] = ['hidden', 'hidden', 'allowed', 'allowed'];

const ROUTES: GuardedRoute[] = [
  {
    name: 'GET /users/me',
    request: () => ({ method: 'GET', url: '/api/v1/users/me' }),
    expect: EVERYONE,
    status: 200,
  },
  {
    name: 'PUT /users/me',
    request: () => ({ method: 'PUT', url: '/api/v1/users/me', payload: { displayName: 'Me' } }),
    expect: EVERYONE,
    status: 200,
  },
  {
    name: 'GET /users/{user_id}',
    request: (victim) => ({ method: 'GET', url: `/api/v1/users/${victim.id}` }),
    expect: ADMINS,
    status: 200,
  },
  {
    name: 'PUT /users/{user_id}/role',
    request: (victim) => ({
      method: 'PUT',
      url: `/api/v1/users/${victim.id}/role`,
      payload: { role: 'USER' },
    }),
    expect: ['forbidden', 'forbidden', 'forbidden', 'allowed'],
    status: 200,
  },
  {
    name: 'GET /sessions',
    request: () => ({ method: 'GET', url: '/api/v1/sessions' }),
    expect: EVERYONE,
    status: 200,
  },
  {
    name: "GET /sessions?userId= (another user's)",
    request: (victim) => ({ method: 'GET', url: `/api/v1/sessions?userId=${victim.id}` }),
    expect: ADMINS,
    status: 200,
  },
  {
    name: "GET /sessions/{session_id} (another user's)",
    request: (victim) => ({ method: 'GET', url: `/api/v1/sessions/${victim.tokens.sessionId}` }),
    expect: ADMINS_ELSE_HIDDEN,
    status: 200,
  },
  {
    name: "DELETE /sessions/{session_id} (another user's)",
    request: (victim) => ({ method: 'DELETE', url: `/api/v1/sessions/${victim.tokens.sessionId}` }),
    expect: ADMINS_ELSE_HIDDEN,
    status: 200,
  },
  {
    name: 'GET /hardware-wallets',
    request: () => ({ method: 'GET', url: '/api/v1/hardware-wallets' }),
    expect: EVERYONE,
    status: 200,
  },
  {
    name: 'POST /hardware-wallets/register/challenge',
    request: () => ({
      method: 'POST',
      url: '/api/v1/hardware-wallets/register/challenge',
      payload: { deviceType: 'ledger', address: new TestWallet().address, label: 'Desk' },
    }),
    expect: EVERYONE,
    status: 200,
  },
  // A signed message the server never issued: reaching the proof check is what counts here.
  ...(['register', 'verify'] as const).map((step): GuardedRoute => ({
    name: `POST /hardware-wallets/${step}`,
    request: () => ({
      method: 'POST',
      url: `/api/v1/hardware-wallets/${step}`,
      payload: { message: 'not issued', signature: new TestWallet().sign('not issued') },
    }),
    expect: EVERYONE,
    status: 400,
  })),
  {
    name: 'POST /hardware-wallets/verify/challenge',
    request: () => ({
      method: 'POST',
      url: '/api/v1/hardware-wallets/verify/challenge',
      payload: { walletId: randomUUID() },
    }),
    expect: EVERYONE,
    status: 404,
  },
  {
    name: 'GET /audit',
    request: () => ({ method: 'GET', url: '/api/v1/audit' }),
    expect: ADMINS,
    status: 200,
  },
  {
    name: 'GET /audit/export',
    request: () => ({ method: 'GET', url: '/api/v1/audit/export' }),
    expect: ADMINS,
    status: 200,
  },
];

describe('access control on every guarded route', () => {
  let app: FastifyInstance;
  let victim: TestAccount;
  const callers = new Map<Role, TestAccount>();

  beforeAll(async () => {
    app = await buildTestApp({ env: { RATE_LIMIT_UNAUTHENTICATED: '1000' } });
    victim = await accountWithRole(app, 'USER');
    for (const role of ROLES) callers.set(role, await accountWithRole(app, role));
  });

  afterAll(async () => {
    await app.close();
  });

  describe.each(ROUTES)('$name', (route) => {
    it.each(ROLES.map((role, index) => ({ role, expected: route.expect[index] })))(
      'is $expected for $role',
      async ({ role, expected }) => {
        const caller = callers.get(role)!;
        const response = await app.inject({ ...route.request(victim), headers: caller.headers });

        if (expected === 'allowed') {
          expect(response.statusCode, response.body).toBe(route.status);
        } else if (expected === 'forbidden') {
          expect(response.statusCode).toBe(403);
          expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
        } else {
          expect(response.statusCode).toBe(404);
          expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
        }
      },
    );

    it('refuses a caller without a token', async () => {
      const response = await app.inject(route.request(victim));

      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'AUTHENTICATION_REQUIRED' });
    });
  });
});
