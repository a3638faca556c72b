import { request } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { JsonClient } from '../../bench/lib/json-client.js';
import { sleep } from '../../bench/lib/ports.js';
import type { Tokens } from '../../bench/lib/sign-in-client.js';
import { startFaultRig, type FaultRig } from './support/fault-rig.js';

/** One request on a fresh connection: its status, or the network error's code. */
function freshRequest(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(`${url}/api/v1/meta/info`, { agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

// The client keeps its connections open, as a proxy or load balancer in front of the service
// would, so the service has to close them itself once their last response is sent.
// In-flight requests are made deterministic by freezing the MongoDB-wire server: sign-ins
// that reach the service wait on it, SIGTERM arrives while they wait, and the server is
// thawed afterwards so they can finish. No timing guesses decide which requests are in flight.
describe('SIGTERM under load', () => {
  let rig: FaultRig;

  beforeAll(async () => {
    rig = await startFaultRig();
  });
  afterAll(async () => {
    await rig?.dispose();
  });

  it(
    'lets in-flight sign-ins finish, refuses new requests cleanly and exits 0 within 10 s',
    { timeout: 120_000 },
    async () => {
      const client = new JsonClient(rig.service.url, { connections: 16, timeoutMs: 30_000 });
      const challenges = await Promise.all(
        rig.wallets.map(async (wallet) => {
          const reply = await client.send<{ message: string }>('POST', '/api/v1/auth/challenge', {
            address: wallet.address.base58,
          });
          expect(reply.status).toBe(200);
          return { message: reply.body.message, signature: wallet.sign(reply.body.message) };
        }),
      );

      rig.ferret.freeze();
      const inFlight = challenges.map((body) =>
        client.send<Tokens>('POST', '/api/v1/auth/login', body),
      );
      // Long enough for the requests to be parsed and waiting on the frozen store.
      await sleep(500);

      const signalledAt = Date.now();
      const stopping = rig.service.stop('SIGTERM', 15_000);
      await sleep(200);
      const refused = await Promise.all([1, 2, 3].map(() => freshRequest(rig.service.url)));
      await sleep(300);
      rig.ferret.thaw();

      const answers = await Promise.all(inFlight);
      const exit = await stopping;
      client.close();
      const exitMs = Date.now() - signalledAt;
      console.info(`SIGTERM: exit code ${exit.code} ${exitMs} ms after the signal`);

      expect(answers.map((answer) => answer.status)).toEqual(challenges.map(() => 200));
      expect(answers.every((answer) => answer.body.accessToken.length > 0)).toBe(true);
      for (const outcome of refused) expect(['ECONNREFUSED', '503']).toContain(outcome);
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exitMs).toBeLessThan(10_000);
    },
  );
});
