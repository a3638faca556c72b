import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';

import { buildTestApp } from '../helpers/app.js';
import { TestWallet, challengeFor, signIn, type Tokens } from '../helpers/wallet.js';

const AUTH_FAILED = {
  statusCode: 401,
  code: 'AUTHENTICATION_FAILED',
  error: 'Unauthorized',
  message: 'Sign-in failed: request a new challenge and sign it with the account key',
};

describe('sign-in, refresh and logout through HTTP', () => {
  let app: FastifyInstance;

  beforeEach(async () => {
    app = await buildTestApp();
  });

  afterEach(async () => {
    await app.close();
  });

  const me = (accessToken: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { authorization: `Bearer ${accessToken}` },
    });

  const refresh = (refreshToken: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });

  it('registers, logs in again, refreshes and logs out', async () => {
    const wallet = new TestWallet();

    const registered = await signIn(app, wallet, 'register');
    expect(registered).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshExpiresIn: 7 * 86_400,
      user: { address: wallet.address, role: 'USER' },
    });

    const loggedIn = await signIn(app, wallet, 'login');
    expect(loggedIn.user.id).toBe(registered.user.id);
    expect(loggedIn.sessionId).not.toBe(registered.sessionId);

    const refreshed = await refresh(loggedIn.refreshToken);
    expect(refreshed.statusCode).toBe(200);
    const next = refreshed.json<Tokens>();
    expect(next.sessionId).toBe(loggedIn.sessionId);
    expect(next.refreshToken).not.toBe(loggedIn.refreshToken);

    const logout = await me(next.accessToken);
    expect(logout.statusCode).toBe(204);

    const afterLogout = await refresh(next.refreshToken);
    expect(afterLogout.statusCode).toBe(401);
    expect(afterLogout.json()).toMatchObject({ code: 'REFRESH_TOKEN_INVALID' });
  });

  it('refuses a replayed challenge once it has been used', async () => {
    const wallet = new TestWallet();
    const message = await challengeFor(app, wallet);
    const payload = { message, signature: wallet.sign(message) };

    const first = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload });
    const replay = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });

    expect(first.statusCode).toBe(200);
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toEqual(AUTH_FAILED);
  });

  it('logs in an unknown account with the same answer as a bad signature', async () => {
    const wallet = new TestWallet();
    const message = await challengeFor(app, wallet);

    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { message, signature: wallet.sign(message) },
    });
    const wrongKey = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { message, signature: new TestWallet().sign(message) },
    });

    expect(unknown.json()).toEqual(AUTH_FAILED);
    expect(wrongKey.json()).toEqual(AUTH_FAILED);
  });

  it('revokes the session when a rotated refresh token is presented again', async () => {
    const tokens = await signIn(app, new TestWallet());

    const first = await refresh(tokens.refreshToken);
    expect(first.statusCode).toBe(200);
    const rotated = first.json<Tokens>();

    const reuse = await refresh(tokens.refreshToken);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json()).toMatchObject({ code: 'REFRESH_TOKEN_INVALID' });

    const legitimate = await refresh(rotated.refreshToken);
    expect(legitimate.statusCode).toBe(401);
    const access = await me(rotated.accessToken);
    expect(access.statusCode).toBe(401);
    expect(access.json()).toMatchObject({ code: 'ACCESS_TOKEN_INVALID' });
  });
});

describe('sign-in on the WebAssembly build of libsecp256k1', () => {
  it('signs in and says so on the meta route', async () => {
    const app = await buildTestApp({ secp256k1: 'wasm' });
    try {
      const tokens = await signIn(app, new TestWallet());
      const meta = await app.inject({ method: 'GET', url: '/api/v1/meta/info' });

      expect(tokens.tokenType).toBe('Bearer');
      expect(meta.json<{ features: string[] }>().features).toContain('secp256k1-wasm');
    } finally {
      await app.close();
    }
  });
});
