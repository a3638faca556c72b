import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';

import { buildTestApp, testClock, testConfig, type TestClock } from '../helpers/app.js';
import { TestWallet, signIn } from '../helpers/wallet.js';

describe('access tokens on protected routes', () => {
  let app: FastifyInstance;
  let clock: TestClock;

  beforeEach(async () => {
    clock = testClock();
    app = await buildTestApp({ clock });
  });

  afterEach(async () => {
    await app.close();
  });

  // Logout is the protected route this issue owns; a second call shows the token's fate.
  const logout = (authorization?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: authorization === undefined ? {} : { authorization },
    });

  it('asks for a token when none is sent', async () => {
    const response = await logout();

    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'AUTHENTICATION_REQUIRED' });
  });

  it('refuses a header that is not a bearer JWT', async () => {
    for (const header of ['Basic abc', 'Bearer', 'Bearer not-a-jwt', 'Bearer a.b']) {
      const response = await logout(header);
      expect(response.json()).toMatchObject({ statusCode: 401, code: 'ACCESS_TOKEN_INVALID' });
    }
  });

  it("refuses a revoked session's access token at once", async () => {
    const tokens = await signIn(app, new TestWallet());
    const bearer = `Bearer ${tokens.accessToken}`;

    expect((await logout(bearer)).statusCode).toBe(204);
    const again = await logout(bearer);

    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ code: 'ACCESS_TOKEN_INVALID' });
  });

  it('refuses an access token once it has expired', async () => {
    const tokens = await signIn(app, new TestWallet());

    clock.advance(15 * 60_000 + 1_000);
    const response = await logout(`Bearer ${tokens.accessToken}`);

    expect(response.json()).toMatchObject({ code: 'ACCESS_TOKEN_INVALID' });
  });

  it('refuses a token whose payload was altered', async () => {
    const tokens = await signIn(app, new TestWallet());
    const [header, payload, signature] = tokens.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as object;
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'SUPER_ADMIN' })).toString(
      'base64url',
    );

    const response = await logout(`Bearer ${header}.${forged}.${signature}`);

    expect(response.json()).toMatchObject({ code: 'ACCESS_TOKEN_INVALID' });
  });

  it('refuses a session revoked on another replica, after this one cached it', async () => {
    const other = await buildTestApp({ config: app.services.config, clock });
    try {
      const tokens = await signIn(app, new TestWallet());
      const bearer = `Bearer ${tokens.accessToken}`;
      await app.services.authenticator.authenticate(tokens.accessToken);

      expect(
        (
          await other.inject({
            method: 'POST',
            url: '/api/v1/auth/logout',
            headers: { authorization: bearer },
          })
        ).statusCode,
      ).toBe(204);

      // The revocation crosses replicas over Redis pub/sub: allow its delivery, nothing more.
      const deadline = Date.now() + 2_000;
      let status = 0;
      while (Date.now() < deadline) {
        status = (await logout(bearer)).statusCode;
        if (status === 401) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('signs tokens carrying subject, role, session and a unique id', async () => {
    const wallet = new TestWallet();
    const first = await signIn(app, wallet);
    const second = await signIn(app, wallet, 'login');

    const claims = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<
        string,
        unknown
      >;
    const header = JSON.parse(
      Buffer.from(first.accessToken.split('.')[0]!, 'base64url').toString(),
    ) as Record<string, unknown>;

    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' });
    expect(typeof header.kid).toBe('string');
    expect(claims(first.accessToken)).toMatchObject({
      sub: first.user.id,
      role: 'USER',
      sid: first.sessionId,
      address: wallet.address,
      iss: testConfig().publicOrigin,
      aud: 'lucid',
    });
    expect(claims(first.accessToken).jti).not.toBe(claims(second.accessToken).jti);
  });
});
