import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';

import { buildApp } from '../../../service/src/app.js';
import { buildTestApp, dropTestData, testConfig } from '../helpers/app.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { challengeFor, signIn, TestWallet } from '../helpers/wallet.js';
import { testServices } from '../../support/services.js';
import { accountWithRole } from './support/accounts.js';

// Each test breaks a real connection at a chosen step, by wrapping one store method so it
// cuts the connection and then calls the real method: the failure is the client's own.
describe('a storage failure in the middle of a request', () => {
  let app: FastifyInstance;

  afterEach(async () => {
    await app.close();
  });

  async function login(wallet: TestWallet) {
    const message = await challengeFor(app, wallet);
    return app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { message, signature: wallet.sign(message) },
    });
  }

  function expectRetryable503(response: Awaited<ReturnType<typeof login>>) {
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toEqual({
      statusCode: 503,
      code: 'DEPENDENCY_UNAVAILABLE',
      error: 'Service Unavailable',
      message: 'A storage dependency is unavailable: retry shortly',
    });
  }

  it('returns a retryable 503 and no token when Redis fails after the session record', async () => {
    app = await buildTestApp();
    const wallet = new TestWallet();
    await signIn(app, wallet, 'register');
    const { sessionState, redis } = app.services;
    const create = sessionState.create.bind(sessionState);
    sessionState.create = (...args) => {
      redis.disconnect();
      return create(...args);
    };

    const response = await login(wallet);

    expectRetryable503(response);
    expect(response.body).not.toContain('accessToken');
    // The record was written, but no token for it ever left: nothing can use the session.
    const records = await app.services.sessionStore.collection.find().toArray();
    expect(records).toHaveLength(2);
  });

  it('returns a retryable 503 and no token when MongoDB fails before the record', async () => {
    const direct = testServices().mongodbUri;
    const proxy = await startTcpProxy(new URL(direct).host);
    const config = testConfig({ MONGODB_URI: `mongodb://${proxy.address}/` });
    app = await buildApp({ config });
    // Test data is dropped over the direct connection, since the proxy will be gone.
    app.addHook('onClose', () => dropTestData({ ...config, mongodbUri: direct }));
    const wallet = new TestWallet();
    await signIn(app, wallet, 'register');
    const { sessionStore, redis } = app.services;
    const insert = sessionStore.insert.bind(sessionStore);
    sessionStore.insert = async (record) => {
      await proxy.cut();
      return insert(record);
    };
    const sessionKeysBefore = await redis.keys(`${config.redisKeyPrefix}session:*`);

    const response = await login(wallet);

    expectRetryable503(response);
    expect(await redis.keys(`${config.redisKeyPrefix}session:*`)).toEqual(sessionKeysBefore);
  });

  it('returns a retryable 503 when Redis fails while a session is being revoked', async () => {
    app = await buildTestApp();
    const owner = await accountWithRole(app, 'USER');
    app.services.redis.disconnect();

    const response = await app.inject({
      method: 'DELETE',
      url: `/api/v1/sessions/${owner.tokens.sessionId}`,
      headers: owner.headers,
    });

    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
  });

  it('returns a retryable 503, not a 500, when Redis is gone before the rate limit', async () => {
    app = await buildTestApp();
    app.services.redis.disconnect();

    const response = await app.inject({ method: 'GET', url: '/api/v1/meta/info' });

    expectRetryable503(response);
  });
});
