import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';

import { buildTestApp } from '../helpers/app.js';

describe('health and meta routes', () => {
  let app: FastifyInstance;

  beforeEach(async () => {
    app = await buildTestApp();
  });

  afterEach(async () => {
    await app.close();
  });

  it('reports the service and both dependencies as up', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      service: 'lucid-auth-service',
      dependencies: { mongodb: 'up', redis: 'up' },
    });
  });

  it('answers liveness and readiness without a token', async () => {
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });

    expect(live.json()).toEqual({ status: 'ok' });
    expect(ready.statusCode).toBe(200);
  });

  it('reports not ready with 503 once Redis is gone', async () => {
    app.services.redis.disconnect();

    const ready = await app.inject({ method: 'GET', url: '/health/ready' });

    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'degraded', dependencies: { redis: 'down' } });
  });

  it('describes the service on the meta route', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/meta/info' });

    expect(response.json()).toMatchObject({
      service: 'lucid-auth-service',
      cluster: '09-authentication',
      port: 8089,
      chainId: 'tron:728126428',
    });
  });

  it('answers an unknown route with the catalogue 404 body', async () => {
    const response = await app.inject({ method: 'GET', url: '/nowhere' });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND',
      error: 'Not Found',
      message: 'No route matches this method and path',
    });
  });
});
