import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { buildTestApp } from '../helpers/app.js';
import { signIn, type Tokens } from '../helpers/wallet.js';
import { accountWithRole, bearer } from './support/accounts.js';

interface SessionView {
  id: string;
  userId: string;
  createdAt: string;
  lastUsedAt: string;
  ip: string;
  userAgent: string | null;
  authMethod: string;
  steppedUpUntil: string | null;
  active: boolean;
  revokedAt: string | null;
  revokedReason: string | null;
  current: boolean;
}

describe('the sessions routes', () => {
  let app: FastifyInstance;

  beforeEach(async () => {
    app = await buildTestApp();
  });

  afterEach(async () => {
    await app.close();
  });

  async function refresh(tokens: Tokens) {
    return app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: tokens.refreshToken },
    });
  }

  it("lists the caller's sessions: when, where from and how each was authenticated", async () => {
    const { wallet, tokens: laptop } = await accountWithRole(app, 'USER');
    const phone = await signIn(app, wallet, 'login');

    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/sessions',
      headers: { ...bearer(laptop), 'user-agent': 'laptop-browser' },
    });

    expect(response.statusCode).toBe(200);
    const { sessions } = response.json<{ sessions: SessionView[] }>();
    expect(sessions.map((session) => session.id)).toEqual([phone.sessionId, laptop.sessionId]);
    expect(sessions[1]).toMatchObject({
      ip: '127.0.0.1',
      authMethod: 'wallet',
      steppedUpUntil: null,
      active: true,
      revokedAt: null,
      current: true,
    });
    expect(sessions[0]?.current).toBe(false);
  });

  it('revokes a session from another one: its access and refresh tokens stop at once', async () => {
    const { wallet, tokens: laptop } = await accountWithRole(app, 'USER');
    const stolen = await signIn(app, wallet, 'login');

    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/v1/sessions/${stolen.sessionId}`,
      headers: bearer(laptop),
    });
    const useAccess = await app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: bearer(stolen),
    });
    const useRefresh = await refresh(stolen);
    const stillMine = await app.inject({
      method: 'GET',
      url: `/api/v1/sessions/${stolen.sessionId}`,
      headers: bearer(laptop),
    });

    expect(revoke.statusCode).toBe(200);
    expect(revoke.json()).toMatchObject({ active: false, revokedReason: 'revoked-by-owner' });
    expect(useAccess.statusCode).toBe(401);
    expect(useAccess.json()).toMatchObject({ code: 'ACCESS_TOKEN_INVALID' });
    expect(useRefresh.statusCode).toBe(401);
    expect(useRefresh.json()).toMatchObject({ code: 'REFRESH_TOKEN_INVALID' });
    expect(stillMine.json<SessionView>().revokedAt).not.toBeNull();
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(laptop) }))
        .statusCode,
    ).toBe(200);
  });

  it("lets an ADMIN list and revoke another user's session, and records who did it", async () => {
    const user = await accountWithRole(app, 'USER');
    const admin = await accountWithRole(app, 'ADMIN');

    const list = await app.inject({
      method: 'GET',
      url: `/api/v1/sessions?userId=${user.id}`,
      headers: admin.headers,
    });
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/v1/sessions/${user.tokens.sessionId}`,
      headers: admin.headers,
    });
    const audit = await app.inject({
      method: 'GET',
      url: `/api/v1/audit?type=session.revoke&subject=${user.tokens.sessionId}`,
      headers: admin.headers,
    });

    expect(list.json<{ sessions: SessionView[] }>().sessions.map((s) => s.userId)).toEqual([
      user.id,
    ]);
    expect(revoke.json()).toMatchObject({ revokedReason: 'revoked-by-admin', current: false });
    expect(audit.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({
        actor: admin.id,
        outcome: 'success',
        details: { owner: user.id, reason: 'revoked-by-admin' },
      }),
    ]);
  });

  it("answers 404 for another user's session to a USER, revealing nothing", async () => {
    const owner = await accountWithRole(app, 'USER');
    const other = await accountWithRole(app, 'USER');

    const response = await app.inject({
      method: 'DELETE',
      url: `/api/v1/sessions/${owner.tokens.sessionId}`,
      headers: other.headers,
    });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
    const check = await app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: owner.headers,
    });
    expect(check.statusCode).toBe(200);
  });

  it('refuses a malformed session id with 400', async () => {
    const { headers } = await accountWithRole(app, 'USER');

    const response = await app.inject({ method: 'GET', url: '/api/v1/sessions/nope', headers });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR' });
  });

  it('yields exactly one new token pair from two concurrent refreshes of one token', async () => {
    const { tokens } = await accountWithRole(app, 'USER');

    const answers = await Promise.all([refresh(tokens), refresh(tokens)]);

    const codes = answers.map((answer) => answer.statusCode).sort();
    expect(codes).toEqual([200, 401]);
    const winner = answers.find((answer) => answer.statusCode === 200)!.json<Tokens>();
    // The loser presented a token that had just been rotated: that is reuse, so the whole
    // session ends (RFC 9700), and the winner's new pair dies with it.
    const after = await refresh(winner);
    expect(after.statusCode).toBe(401);
  });
});
