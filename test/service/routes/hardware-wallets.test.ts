import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';

import { buildTestApp } from '../helpers/app.js';
import { signIn, TestWallet } from '../helpers/wallet.js';
import { accountWithRole, bearer, type TestAccount } from './support/accounts.js';

interface Challenge {
  message: string;
  expiresAt: string;
  expiresIn: number;
}

describe('the hardware-wallet routes', () => {
  let app: FastifyInstance;

  afterEach(async () => {
    await app.close();
  });

  function post(caller: { authorization: string }, url: string, payload: object) {
    return app.inject({
      method: 'POST',
      url: `/api/v1/hardware-wallets${url}`,
      headers: caller,
      payload,
    });
  }

  async function register(owner: TestAccount, device: TestWallet, deviceType = 'ledger') {
    const challenge = await post(owner.headers, '/register/challenge', {
      deviceType,
      address: device.address,
      label: 'Desk Ledger',
    });
    const { message } = challenge.json<Challenge>();
    return post(owner.headers, '/register', { message, signature: device.sign(message) });
  }

  async function stepUp(caller: { authorization: string }, walletId: string, device: TestWallet) {
    const challenge = await post(caller, '/verify/challenge', { walletId });
    const { message } = challenge.json<Challenge>();
    return post(caller, '/verify', { message, signature: device.sign(message) });
  }

  it('registers a wallet that signed a fresh challenge in time, and lists it', async () => {
    app = await buildTestApp({ env: { HARDWARE_WALLET_TIMEOUT: '45' } });
    const owner = await accountWithRole(app, 'USER');
    const device = new TestWallet();

    const challenge = await post(owner.headers, '/register/challenge', {
      deviceType: 'ledger',
      address: device.address,
      label: 'Desk Ledger',
    });
    const { message, expiresIn } = challenge.json<Challenge>();
    const registered = await post(owner.headers, '/register', {
      message,
      signature: device.sign(message),
    });
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/hardware-wallets',
      headers: owner.headers,
    });

    expect(expiresIn).toBe(45);
    expect(message).toContain(`Lucid account ${owner.id}`);
    expect(registered.statusCode).toBe(201);
    expect(registered.json()).toMatchObject({
      deviceType: 'ledger',
      address: device.address,
      label: 'Desk Ledger',
      lastVerifiedAt: null,
    });
    expect(list.json()).toEqual({
      wallets: [registered.json()],
      supportedTypes: ['ledger', 'trezor', 'keepkey'],
    });
  });

  it('refuses a challenge signed by another key, auditing why but not the signature', async () => {
    app = await buildTestApp();
    const owner = await accountWithRole(app, 'ADMIN');
    const device = new TestWallet();
    const challenge = await post(owner.headers, '/register/challenge', {
      deviceType: 'ledger',
      address: device.address,
      label: 'x',
    });
    const { message } = challenge.json<Challenge>();
    const signature = new TestWallet().sign(message);

    const response = await post(owner.headers, '/register', { message, signature });
    const audit = await app.inject({
      method: 'GET',
      url: '/api/v1/audit?type=hardware-wallet.register',
      headers: owner.headers,
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'HARDWARE_WALLET_PROOF_REJECTED' });
    expect(audit.json()).toMatchObject({
      items: [{ actor: owner.id, outcome: 'failure', reason: 'bad-signature' }],
    });
    expect(audit.body).not.toContain(signature.slice(2, 40));
  });

  it('refuses a challenge answered after HARDWARE_WALLET_TIMEOUT', async () => {
    app = await buildTestApp();
    const owner = await accountWithRole(app, 'USER');
    const device = new TestWallet();
    const challenge = await post(owner.headers, '/register/challenge', {
      deviceType: 'ledger',
      address: device.address,
      label: 'x',
    });
    const { message } = challenge.json<Challenge>();
    const nonce = /Nonce: (\w+)/.exec(message)![1]!;
    const key = `${app.services.config.redisKeyPrefix}hw-challenge:${nonce}`;
    await app.services.redis.pexpire(key, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const response = await post(owner.headers, '/register', {
      message,
      signature: device.sign(message),
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'HARDWARE_WALLET_PROOF_REJECTED' });
  });

  it('refuses a device type the deployment does not accept', async () => {
    app = await buildTestApp({ env: { SUPPORTED_HARDWARE_WALLETS: 'ledger' } });
    const owner = await accountWithRole(app, 'USER');

    const response = await post(owner.headers, '/register/challenge', {
      deviceType: 'trezor',
      address: new TestWallet().address,
      label: 'x',
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'HARDWARE_WALLET_UNSUPPORTED' });
  });

  it('refuses an address that is already registered, even by another account', async () => {
    app = await buildTestApp();
    const device = new TestWallet();
    await register(await accountWithRole(app, 'USER'), device);

    const again = await post((await accountWithRole(app, 'USER')).headers, '/register/challenge', {
      deviceType: 'ledger',
      address: device.address,
      label: 'mine too',
    });

    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'HARDWARE_WALLET_EXISTS' });
  });

  it("refuses the account's own sign-in address, since step-up needs a second key", async () => {
    app = await buildTestApp();
    const owner = await accountWithRole(app, 'USER');

    const response = await post(owner.headers, '/register/challenge', {
      deviceType: 'ledger',
      address: owner.wallet.address,
      label: 'same key',
    });

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'HARDWARE_WALLET_IS_ACCOUNT_KEY' });
  });

  it('steps up only the verifying session, which its session record then shows', async () => {
    app = await buildTestApp({ env: { STEP_UP_WINDOW_MINUTES: '10' } });
    const owner = await accountWithRole(app, 'USER');
    const otherSession = await signIn(app, owner.wallet, 'login');
    const device = new TestWallet();
    const wallet = (await register(owner, device)).json<{ id: string }>();

    const verified = await stepUp(owner.headers, wallet.id, device);
    const session = await app.inject({
      method: 'GET',
      url: `/api/v1/sessions/${owner.tokens.sessionId}`,
      headers: owner.headers,
    });
    const other = await app.inject({
      method: 'GET',
      url: `/api/v1/sessions/${otherSession.sessionId}`,
      headers: owner.headers,
    });

    expect(verified.statusCode).toBe(200);
    const until = Date.parse(verified.json<{ steppedUpUntil: string }>().steppedUpUntil);
    expect(until - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(session.json()).toMatchObject({
      steppedUpUntil: verified.json<{ steppedUpUntil: string }>().steppedUpUntil,
      authMethod: 'hardware-wallet',
    });
    expect(other.json()).toMatchObject({ steppedUpUntil: null, authMethod: 'wallet' });
  });

  it('demands a stepped-up session for the configured privileged actions', async () => {
    app = await buildTestApp({ env: { STEP_UP_REQUIRED_ACTIONS: 'roles:change,audit:export' } });
    const root = await accountWithRole(app, 'SUPER_ADMIN');
    const user = await accountWithRole(app, 'USER');
    const device = new TestWallet();
    const wallet = (await register(root, device)).json<{ id: string }>();
    const changeRole = () =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/users/${user.id}/role`,
        headers: root.headers,
        payload: { role: 'NODE_OPERATOR' },
      });
    const exportAudit = () =>
      app.inject({ method: 'GET', url: '/api/v1/audit/export', headers: root.headers });

    const [roleBefore, exportBefore] = [await changeRole(), await exportAudit()];
    const readStillOpen = await app.inject({
      method: 'GET',
      url: '/api/v1/audit',
      headers: root.headers,
    });
    await stepUp(root.headers, wallet.id, device);
    const [roleAfter, exportAfter] = [await changeRole(), await exportAudit()];

    expect(roleBefore.statusCode).toBe(403);
    expect(roleBefore.json()).toMatchObject({ code: 'STEP_UP_REQUIRED' });
    expect(exportBefore.json()).toMatchObject({ code: 'STEP_UP_REQUIRED' });
    expect(readStillOpen.statusCode).toBe(200);
    expect(roleAfter.statusCode).toBe(200);
    expect(exportAfter.statusCode).toBe(200);
    expect(exportAfter.headers['content-type']).toContain('application/x-ndjson');
  });

  it('ends the step-up when its window passes', async () => {
    app = await buildTestApp({ env: { STEP_UP_REQUIRED_ACTIONS: 'audit:export' } });
    const admin = await accountWithRole(app, 'ADMIN');
    const device = new TestWallet();
    const wallet = (await register(admin, device)).json<{ id: string }>();
    await stepUp(admin.headers, wallet.id, device);
    const key = `${app.services.config.redisKeyPrefix}step-up:${admin.tokens.sessionId}`;
    await app.services.redis.pexpire(key, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/audit/export',
      headers: admin.headers,
    });

    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'STEP_UP_REQUIRED' });
  });

  it('does not accept a verification signed for another session of the same account', async () => {
    app = await buildTestApp();
    const owner = await accountWithRole(app, 'USER');
    const second = bearer(await signIn(app, owner.wallet, 'login'));
    const device = new TestWallet();
    const wallet = (await register(owner, device)).json<{ id: string }>();
    const challenge = await post(owner.headers, '/verify/challenge', { walletId: wallet.id });
    const { message } = challenge.json<Challenge>();

    const response = await post(second, '/verify', { message, signature: device.sign(message) });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'HARDWARE_WALLET_PROOF_REJECTED' });
  });

  it('refuses a label with control characters and an address with a bad checksum', async () => {
    app = await buildTestApp();
    const owner = await accountWithRole(app, 'USER');

    const label = await post(owner.headers, '/register/challenge', {
      deviceType: 'ledger',
      address: new TestWallet().address,
      label: 'bad\nlabel',
    });
    const address = await post(owner.headers, '/register/challenge', {
      deviceType: 'ledger',
      address: 'T' + 'x'.repeat(33),
      label: 'ok',
    });

    expect(label.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_ERROR' });
    expect(address.json()).toMatchObject({ statusCode: 400, code: 'INVALID_ADDRESS' });
  });
});
