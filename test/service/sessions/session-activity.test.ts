import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';

import { buildTestApp, testClock } from '../helpers/app.js';
import { accountWithRole, type TestAccount } from '../routes/support/accounts.js';

interface SessionView {
  lastUsedAt: string;
}

describe("a session's last use", () => {
  let app: FastifyInstance;
  const clock = testClock();

  afterEach(async () => {
    await app.close();
  });

  const me = (account: TestAccount) =>
    app.inject({ method: 'GET', url: '/api/v1/users/me', headers: account.headers });

  async function lastUsedAt(account: TestAccount): Promise<number> {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/sessions/${account.tokens.sessionId}`,
      headers: account.headers,
    });
    return Date.parse(response.json<SessionView>().lastUsedAt);
  }

  // The write happens in the background, after the response; it lands within milliseconds.
  async function settled(account: TestAccount, expected: number): Promise<number> {
    for (let tries = 0; tries < 50; tries += 1) {
      const seen = await lastUsedAt(account);
      if (seen === expected) return seen;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return lastUsedAt(account);
  }

  it('moves with access-token use, written at most once a minute', async () => {
    app = await buildTestApp({ clock });
    const account = await accountWithRole(app, 'USER');
    const signedInAt = await lastUsedAt(account);

    clock.advance(2 * 60_000);
    expect((await me(account)).statusCode).toBe(200);
    const firstUse = clock();
    expect(await settled(account, firstUse)).toBe(firstUse);

    clock.advance(30_000);
    await me(account);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await lastUsedAt(account)).toBe(firstUse);

    clock.advance(31_000);
    await me(account);
    expect(await settled(account, clock())).toBe(clock());
    expect(signedInAt).toBeLessThan(firstUse);
  });
});
