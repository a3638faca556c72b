import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';

import { buildTestApp, dropTestData, testConfig } from '../helpers/app.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { TestWallet, challengeFor } from '../helpers/wallet.js';
import { testServices } from '../../support/services.js';
import type { Config } from '../../../service/src/config/config.js';

const hostPort = (uri: string) => new URL(uri).host;

describe('a dependency failing mid-request', () => {
  let app: FastifyInstance | undefined;
  let proxy: TcpProxy | undefined;
  let config: Config;

  afterEach(async () => {
    await proxy?.cut();
    await app?.close();
    await dropTestData(config);
  });

  it('answers a retryable 503 and issues no tokens when MongoDB goes away', async () => {
    proxy = await startTcpProxy(hostPort(testServices().mongodbUri));
    config = testConfig({ MONGODB_URI: `mongodb://${proxy.address}/` });
    app = await buildTestApp({ config });
    const wallet = new TestWallet();
    const message = await challengeFor(app, wallet);

    await proxy.cut();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { message, signature: wallet.sign(message) },
    });

    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toEqual({
      statusCode: 503,
      code: 'DEPENDENCY_UNAVAILABLE',
      error: 'Service Unavailable',
      message: 'A storage dependency is unavailable: retry shortly',
    });
    const sessions = await app.services.redis.keys(`${config.redisKeyPrefix}session:*`);
    expect(sessions).toEqual([]);
  });

  it('answers a retryable 503 when Redis goes away during a refresh', async () => {
    proxy = await startTcpProxy(hostPort(testServices().redisUri));
    config = testConfig({ REDIS_URI: `redis://${proxy.address}/` });
    app = await buildTestApp({ config });

    await proxy.cut();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: 'a'.repeat(43) },
    });

    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
  });
});
