import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startFaultRig, tokensWithoutSession, type FaultRig } from './support/fault-rig.js';
import { outageFigures, runOutage, unexpectedAnswers } from './support/outage.js';

// Against a Redis and a FerretDB of this file's own (never the shared test servers), with
// the service as its own process. Redis persists with appendfsync always, as a session
// store must, so a restart loses nothing it acknowledged.
describe('Redis failing while sign-ins flow', () => {
  let rig: FaultRig;

  beforeAll(async () => {
    rig = await startFaultRig();
  });
  afterAll(async () => {
    await rig?.dispose();
  });

  for (const kind of ['killed', 'frozen'] as const) {
    it(
      `when ${kind}: ready answers 503 within 5 s, every request is answered, no token ` +
        'lacks its session, and the service recovers by itself',
      { timeout: 180_000 },
      async () => {
        const record = await runOutage(rig, {
          name: `Redis ${kind}`,
          break: () => (kind === 'killed' ? rig.redis.kill() : rig.redis.freeze()),
          mend: () => (kind === 'killed' ? rig.redis.start() : rig.redis.thaw()),
        });

        console.info(outageFigures(`Redis ${kind}`, record));
        expect(record.readyDownAt! - record.brokenAt).toBeLessThan(5_000);
        expect(record.outcomes.filter((o) => o.status === 0)).toEqual([]);
        expect(unexpectedAnswers(record.outcomes)).toEqual([]);
        expect(record.outcomes.some((o) => o.status === 503)).toBe(true);
        expect(await tokensWithoutSession(rig.service.url, record.issued)).toEqual([]);
      },
    );
  }
});
