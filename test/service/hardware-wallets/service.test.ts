import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { utils } from 'tronweb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ChallengeStore } from '../../../service/src/hardware-wallets/challenge-store.js';
import { HardwareWalletService } from '../../../service/src/hardware-wallets/service.js';
import { StepUpStore } from '../../../service/src/hardware-wallets/step-up.js';
import {
  WalletAlreadyRegistered,
  WalletStore,
} from '../../../service/src/hardware-wallets/wallet-store.js';
import { loadRecoveryBackend } from '../../../service/src/tron/recovery-backend.js';
import { recoverSigner } from '../../../service/src/tron/tip191.js';
import { testServices } from '../../support/services.js';

function newKey(): { privateKey: string; address: string } {
  const account = utils.accounts.generateAccount();
  return { privateKey: account.privateKey, address: account.address.base58 };
}

function sign(message: string, privateKey: string): string {
  return utils.message.signMessage(message, privateKey);
}

describe('the hardware-wallet service', () => {
  const { mongodbUri, redisUri } = testServices();
  const mongo = new MongoClient(mongodbUri);
  const redis = new Redis(redisUri);
  const dbName = `hw_service_${randomUUID().slice(0, 8)}`;
  const prefix = `test:${randomUUID()}:`;
  let service: HardwareWalletService;
  let stepUps: StepUpStore;

  function caller() {
    return { accountId: randomUUID(), sessionId: randomUUID() };
  }

  beforeAll(async () => {
    const recovery = await loadRecoveryBackend();
    const wallets = new WalletStore(mongo.db(dbName));
    await wallets.ensureIndexes();
    stepUps = new StepUpStore(redis, prefix);
    service = new HardwareWalletService({
      wallets,
      challenges: new ChallengeStore(redis, prefix),
      stepUps,
      message: {
        domain: 'auth.example.com',
        uri: 'https://auth.example.com',
        chainId: 'tron:2494104990',
      },
      supportedTypes: ['ledger', 'keepkey'],
      timeoutSeconds: 30,
      stepUpSeconds: 300,
      recoverAddress: (message, signature) =>
        Promise.resolve(recoverSigner(recovery, message, signature)?.base58),
    });
  });

  afterAll(async () => {
    await mongo.db(dbName).dropDatabase();
    await mongo.close();
    redis.disconnect();
  });

  it('registers a wallet whose address signed the fresh challenge', async () => {
    const who = caller();
    const key = newKey();
    const challenge = await service.challengeRegistration(who, {
      deviceType: 'ledger',
      address: key.address,
      label: 'Desk Ledger',
    });

    const result = await service.register(
      who,
      challenge.message,
      sign(challenge.message, key.privateKey),
    );

    expect(challenge.message).toContain(`Chain ID: tron:2494104990`);
    expect(challenge.message.split('\n')[1]).toBe(key.address);
    expect(result).toMatchObject({
      ok: true,
      value: {
        accountId: who.accountId,
        deviceType: 'ledger',
        address: key.address,
        label: 'Desk Ledger',
      },
    });
    expect(await service.list(who.accountId)).toHaveLength(1);
  });

  it('refuses a challenge signed by another key, and the challenge is then spent', async () => {
    const who = caller();
    const key = newKey();
    const challenge = await service.challengeRegistration(who, {
      deviceType: 'ledger',
      address: key.address,
      label: 'x',
    });

    const forged = await service.register(
      who,
      challenge.message,
      sign(challenge.message, newKey().privateKey),
    );
    const retried = await service.register(
      who,
      challenge.message,
      sign(challenge.message, key.privateKey),
    );

    expect(forged).toEqual({ ok: false, reason: 'bad-signature' });
    expect(retried).toEqual({ ok: false, reason: 'unknown-challenge' });
  });

  it('refuses a challenge answered by another account or session', async () => {
    const who = caller();
    const key = newKey();
    const challenge = await service.challengeRegistration(who, {
      deviceType: 'ledger',
      address: key.address,
      label: 'x',
    });

    const other = { accountId: who.accountId, sessionId: randomUUID() };
    const signature = sign(challenge.message, key.privateKey);

    expect(await service.register(other, challenge.message, signature)).toEqual({
      ok: false,
      reason: 'wrong-caller',
    });
  });

  it('refuses a message the client altered, even one the key signed as altered', async () => {
    const who = caller();
    const key = newKey();
    const challenge = await service.challengeRegistration(who, {
      deviceType: 'ledger',
      address: key.address,
      label: 'x',
    });
    const altered = challenge.message.replace('auth.example.com', 'evil.example.com');

    expect(await service.register(who, altered, sign(altered, key.privateKey))).toEqual({
      ok: false,
      reason: 'message-mismatch',
    });
  });

  it('refuses a challenge whose answer time has passed', async () => {
    const who = caller();
    const key = newKey();
    const challenge = await service.challengeRegistration(who, {
      deviceType: 'keepkey',
      address: key.address,
      label: 'x',
    });
    const nonce = /Nonce: (\w+)/.exec(challenge.message)?.[1] ?? '';
    await redis.pexpire(`${prefix}hw-challenge:${nonce}`, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(
      await service.register(who, challenge.message, sign(challenge.message, key.privateKey)),
    ).toEqual({ ok: false, reason: 'unknown-challenge' });
  });

  it('refuses to register an address that is already registered, by anyone', async () => {
    const key = newKey();
    const first = caller();
    const challenge = await service.challengeRegistration(first, {
      deviceType: 'ledger',
      address: key.address,
      label: 'x',
    });
    await service.register(first, challenge.message, sign(challenge.message, key.privateKey));

    await expect(
      service.challengeRegistration(caller(), {
        deviceType: 'ledger',
        address: key.address,
        label: 'y',
      }),
    ).rejects.toBeInstanceOf(WalletAlreadyRegistered);
  });

  it('lets only one of two racing registrations of one address succeed', async () => {
    const key = newKey();
    const [one, two] = [caller(), caller()];
    const wallet = { deviceType: 'ledger' as const, address: key.address, label: 'x' };
    const [c1, c2] = await Promise.all([
      service.challengeRegistration(one, wallet),
      service.challengeRegistration(two, wallet),
    ]);

    const results = await Promise.allSettled([
      service.register(one, c1.message, sign(c1.message, key.privateKey)),
      service.register(two, c2.message, sign(c2.message, key.privateKey)),
    ]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(WalletAlreadyRegistered);
  });

  it('steps up the session that verified, for the configured window only', async () => {
    const who = caller();
    const key = newKey();
    const registration = await service.challengeRegistration(who, {
      deviceType: 'ledger',
      address: key.address,
      label: 'x',
    });
    const registered = await service.register(
      who,
      registration.message,
      sign(registration.message, key.privateKey),
    );
    if (!registered.ok) throw new Error('registration failed');

    const challenge = await service.challengeVerification(who, registered.value.id);
    if (!challenge) throw new Error('no verification challenge');
    const verified = await service.verify(
      who,
      challenge.message,
      sign(challenge.message, key.privateKey),
    );

    expect(verified).toMatchObject({ ok: true, value: { wallet: { id: registered.value.id } } });
    const stepUp = await service.stepUpOf(who.sessionId);
    expect(stepUp?.walletId).toBe(registered.value.id);
    expect(Date.parse(stepUp?.until ?? '') - Date.parse(stepUp?.verifiedAt ?? '')).toBe(300_000);
    expect(await service.stepUpOf(randomUUID())).toBeUndefined();
  });

  it("does not issue a verification challenge for another account's wallet", async () => {
    const who = caller();
    const key = newKey();
    const registration = await service.challengeRegistration(who, {
      deviceType: 'ledger',
      address: key.address,
      label: 'x',
    });
    const registered = await service.register(
      who,
      registration.message,
      sign(registration.message, key.privateKey),
    );
    if (!registered.ok) throw new Error('registration failed');

    expect(await service.challengeVerification(caller(), registered.value.id)).toBeUndefined();
  });

  it('does not accept a registration challenge as a verification', async () => {
    const who = caller();
    const key = newKey();
    const registration = await service.challengeRegistration(who, {
      deviceType: 'ledger',
      address: key.address,
      label: 'x',
    });

    expect(
      await service.verify(who, registration.message, sign(registration.message, key.privateKey)),
    ).toEqual({ ok: false, reason: 'unknown-challenge' });
  });
});
