import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createRemoteJWKSet, jwtVerify } from 'jose';

import { buildTestApp, testClock, testConfig, type TestClock } from '../helpers/app.js';
import { TestWallet, signIn } from '../helpers/wallet.js';
import type { Config } from '../../../service/src/config/config.js';

const DAY_MS = 86_400_000;

describe('signing keys and the JWKS', () => {
  let app: FastifyInstance;
  let clock: TestClock;
  let config: Config;

  beforeEach(async () => {
    // One minute before a rotation boundary, so a test can cross it with tokens still valid.
    clock = testClock((Math.floor(Date.now() / DAY_MS) + 1) * DAY_MS - 60_000);
    config = testConfig();
    app = await buildTestApp({ config, clock });
  });

  afterEach(async () => {
    await app.close();
  });

  const kidOf = (token: string) =>
    (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;

  it('verifies issued tokens with jose remote key set over a real socket', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const tokens = await signIn(app, new TestWallet());

    const jwks = createRemoteJWKSet(new URL(`${address}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(tokens.accessToken, jwks, {
      issuer: config.publicOrigin,
      audience: 'lucid',
      currentDate: new Date(clock()),
    });

    expect(payload.sub).toBe(tokens.user.id);
    expect(payload.sid).toBe(tokens.sessionId);
    expect(protectedHeader.alg).toBe('EdDSA');
  });

  it('publishes the next key before use and keeps the previous one after rotation', async () => {
    const before = await signIn(app, new TestWallet());
    const initial = app.services.keyRing.jwks().keys.map((key) => key.kid);
    expect(initial).toHaveLength(2);
    expect(initial[0]).toBe(kidOf(before.accessToken));

    clock.advance(120_000);
    await app.services.keyRing.refresh();
    const after = await signIn(app, new TestWallet());
    const rotated = app.services.keyRing.jwks().keys.map((key) => key.kid);

    expect(rotated).toHaveLength(3);
    expect(rotated.slice(0, 2)).toEqual(initial);
    expect(kidOf(after.accessToken)).toBe(initial[1]);
    const stillValid = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { authorization: `Bearer ${before.accessToken}` },
    });
    expect(stillValid.statusCode).toBe(204);
  });

  it('signs with the same keys after a restart, read back from MongoDB', async () => {
    const kids = app.services.keyRing.jwks().keys.map((key) => key.kid);

    const restarted = await buildTestApp({ config, clock });
    try {
      expect(restarted.services.keyRing.jwks().keys.map((key) => key.kid)).toEqual(kids);
    } finally {
      await restarted.close();
    }
  });

  it('stores private keys sealed, never in the clear', async () => {
    const records = await app.services.mongo.db.collection('signing_keys').find().toArray();

    expect(records).toHaveLength(2);
    for (const record of records) {
      expect(Object.keys(record).sort()).toEqual(
        ['_id', 'createdAt', 'kid', 'period', 'publicJwk', 'sealedPrivateKey'].sort(),
      );
      expect(record.publicJwk).not.toHaveProperty('d');
    }
  });

  it('refuses to start when the key encryption secret does not open the stored keys', async () => {
    const wrong = { ...config, keyEncryptionSecret: 'another-secret-of-at-least-32-bytes!!' };

    await expect(buildTestApp({ config: wrong, clock })).rejects.toThrow(
      /KEY_ENCRYPTION_SECRET does not open signing key/,
    );
  });
});
