import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Trx } from 'tronweb';

import { buildTestApp, testClock, type TestClock } from '../helpers/app.js';
import { TestWallet, challengeFor } from '../helpers/wallet.js';

const AUTH_FAILED = {
  statusCode: 401,
  code: 'AUTHENTICATION_FAILED',
  error: 'Unauthorized',
  message: 'Sign-in failed: request a new challenge and sign it with the account key',
};

describe('sign-in refusals', () => {
  let app: FastifyInstance;
  let clock: TestClock;

  beforeEach(async () => {
    clock = testClock();
    app = await buildTestApp({ clock });
  });

  afterEach(async () => {
    await app.close();
  });

  const register = (message: string, signature: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { message, signature } });

  const auditReasons = async () => {
    const events = await app.services.audit.collection
      .find({ type: 'auth.register', outcome: 'failure' })
      .toArray();
    return events.map((event) => event.reason);
  };

  it('refuses a challenge answered after its expiry time', async () => {
    const wallet = new TestWallet();
    const message = await challengeFor(app, wallet);

    clock.advance(300_000);
    const response = await register(message, wallet.sign(message));

    expect(response.json()).toEqual(AUTH_FAILED);
    expect(await auditReasons()).toEqual(['expired']);
  });

  it('refuses a challenge whose Redis entry has expired', async () => {
    const wallet = new TestWallet();
    const message = await challengeFor(app, wallet);
    const nonce = /Nonce: (\w+)/.exec(message)![1]!;

    const key = `${app.services.config.redisKeyPrefix}challenge:${nonce}`;
    expect(await app.services.redis.pexpireat(key, 1)).toBe(1);
    const response = await register(message, wallet.sign(message));

    expect(response.json()).toEqual(AUTH_FAILED);
    expect(await auditReasons()).toEqual(['unknown-nonce']);
  });

  it('refuses a message rewritten for another domain', async () => {
    const wallet = new TestWallet();
    const original = await challengeFor(app, wallet);
    const message = original.replace('auth.lucid.test wants', 'evil.example wants');

    const response = await register(message, wallet.sign(message));

    expect(response.json()).toEqual(AUTH_FAILED);
    expect(await auditReasons()).toEqual(['wrong-domain']);
  });

  it('refuses a message rewritten for another chain', async () => {
    const wallet = new TestWallet();
    const original = await challengeFor(app, wallet);
    const message = original.replace('tron:728126428', 'tron:3448148188');

    const response = await register(message, wallet.sign(message));

    expect(response.json()).toEqual(AUTH_FAILED);
    expect(await auditReasons()).toEqual(['wrong-chain']);
  });

  it('refuses a message whose text differs from the issued challenge', async () => {
    const wallet = new TestWallet();
    const original = await challengeFor(app, wallet);
    const message = original.replace('Version: 1', 'Version: 2');

    const response = await register(message, wallet.sign(message));

    expect(response.json()).toEqual(AUTH_FAILED);
    expect(await auditReasons()).toEqual(['message-mismatch']);
  });

  it("refuses another key's signature, and the challenge stays usable", async () => {
    const wallet = new TestWallet();
    const message = await challengeFor(app, wallet);

    const stranger = await register(message, new TestWallet().sign(message));
    const owner = await register(message, wallet.sign(message));

    expect(stranger.json()).toEqual(AUTH_FAILED);
    expect(owner.statusCode).toBe(200);
    expect(await auditReasons()).toEqual(['bad-signature']);
  });

  it('refuses a truncated or non-hex signature as a schema error', async () => {
    const wallet = new TestWallet();
    const message = await challengeFor(app, wallet);
    const signature = wallet.sign(message);

    for (const bad of [signature.slice(0, -2), `${signature.slice(0, -1)}z`, '', '0x']) {
      const response = await register(message, bad);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR' });
    }
  });

  it('refuses well-formed but invalid signatures like any other failure', async () => {
    const wallet = new TestWallet();
    const message = await challengeFor(app, wallet);
    const signature = wallet.sign(message);
    const zeroR = `0x${'00'.repeat(32)}${signature.slice(66)}`;
    const badV = `${signature.slice(0, -2)}05`;
    const highS = `${signature.slice(0, 66)}ff${signature.slice(68)}`;

    for (const bad of [zeroR, badV, highS]) {
      const response = await register(message, bad);
      expect(response.json()).toEqual(AUTH_FAILED);
    }
    expect(await auditReasons()).toEqual(['bad-signature', 'bad-signature', 'bad-signature']);
  });

  it("refuses the legacy V1 scheme's signature (tronweb signString)", async () => {
    const wallet = new TestWallet();
    const message = await challengeFor(app, wallet);
    const hexMessage = Buffer.from(message, 'utf8').toString('hex');
    const legacy = Trx.signString(hexMessage, Buffer.from(wallet.privateKey).toString('hex'));

    const response = await register(message, legacy);

    expect(response.json()).toEqual(AUTH_FAILED);
    expect(await auditReasons()).toEqual(['bad-signature']);
  });

  it('accepts v written as 0 or 1 as well as 27 or 28', async () => {
    const wallet = new TestWallet();
    const message = await challengeFor(app, wallet);

    const response = await register(message, wallet.sign(message, true));

    expect(response.statusCode).toBe(200);
  });

  it('refuses to register an address twice', async () => {
    const wallet = new TestWallet();
    const first = await challengeFor(app, wallet);
    await register(first, wallet.sign(first));

    const second = await challengeFor(app, wallet);
    const response = await register(second, wallet.sign(second));

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'ACCOUNT_EXISTS' });
  });

  it('refuses a challenge for an address with a bad checksum', async () => {
    const address = new TestWallet().address;
    const broken = address.slice(0, -1) + (address.endsWith('a') ? 'b' : 'a');

    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/challenge',
      payload: { address: broken },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'INVALID_ADDRESS' });
  });
});
