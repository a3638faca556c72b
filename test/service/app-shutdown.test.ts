import { Agent, request } from 'node:http';

import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';

import { buildTestApp } from './helpers/app.js';

/** GET over `agent`; resolves with the status and the connection header. */
function get(url: string, agent: Agent): Promise<{ status: number; connection?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end();
  });
}

// A client that keeps its connections (a proxy, a load balancer) must not hold close() open:
// the response that was in flight when close() began tells it to drop the connection.
describe('closing the app under a keep-alive client', () => {
  let app: FastifyInstance;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  afterEach(() => {
    agent.destroy();
  });

  it('answers the in-flight request with connection: close and finishes closing', async () => {
    app = await buildTestApp();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const waiting = new Promise<void>((resolve) => (arrived = resolve));
    app.get('/test/held', { config: { public: true } }, async () => {
      arrived();
      await released;
      return { held: true };
    });
    // Registered after buildApp's own hooks, so it runs once close() has begun in earnest.
    app.addHook('preClose', (done) => {
      release();
      done();
    });
    const origin = await app.listen({ host: '127.0.0.1', port: 0 });
    const before = await get(`${origin}/api/v1/meta/info`, agent);

    const inFlight = get(`${origin}/test/held`, agent);
    await waiting;
    const closed = app.close();

    expect(before).toEqual({ status: 200, connection: 'keep-alive' });
    expect(await inFlight).toEqual({ status: 200, connection: 'close' });
    await closed;
  });
});
