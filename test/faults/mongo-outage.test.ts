import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AUDIT_COLLECTION } from '../../service/src/audit/audit-log.js';
import { SESSIONS_COLLECTION } from '../../service/src/sessions/session-store.js';
import { startFaultRig, tokensWithoutSession, type FaultRig } from './support/fault-rig.js';
import { outageFigures, runOutage, unexpectedAnswers } from './support/outage.js';

/** Session ids with no record, and login sessions with no audit entry, read from MongoDB. */
async function lostRecords(rig: FaultRig, sessionIds: string[]): Promise<string[]> {
  const client = new MongoClient(rig.ferret.uri);
  try {
    const db = client.db(rig.service.database);
    const sessions = await db
      .collection<{ _id: string }>(SESSIONS_COLLECTION)
      .find({ _id: { $in: sessionIds } }, { projection: { _id: 1 } })
      .toArray();
    const audited = await db
      .collection<{ details?: { sessionId?: string } }>(AUDIT_COLLECTION)
      .find({ type: 'auth.login', outcome: 'success' }, { projection: { details: 1 } })
      .toArray();
    const stored = new Set(sessions.map((session) => session._id));
    const withAudit = new Set(audited.map((entry) => String(entry.details?.sessionId)));
    return sessionIds.flatMap((id) => [
      ...(stored.has(id) ? [] : [`session ${id} has no record`]),
      ...(withAudit.has(id) ? [] : [`session ${id} has no auth.login audit entry`]),
    ]);
  } finally {
    await client.close();
  }
}

// Against a FerretDB and a Redis of this file's own (never the shared test servers), with
// the service as its own process. FerretDB keeps its data in SQLite files, which a SIGKILL
// leaves with every committed write.
describe('the MongoDB-wire server failing while sign-ins flow', () => {
  let rig: FaultRig;

  beforeAll(async () => {
    rig = await startFaultRig();
  });
  afterAll(async () => {
    await rig?.dispose();
  });

  for (const kind of ['killed', 'frozen'] as const) {
    it(
      `when ${kind}: ready answers 503 within 5 s, every request is answered, and no ` +
        'committed session or audit entry is lost',
      { timeout: 180_000 },
      async () => {
        const record = await runOutage(rig, {
          name: `FerretDB ${kind}`,
          break: () => (kind === 'killed' ? rig.ferret.kill() : rig.ferret.freeze()),
          mend: () => (kind === 'killed' ? rig.ferret.start() : rig.ferret.thaw()),
        });
        console.info(outageFigures(`FerretDB ${kind}`, record));

        expect(record.readyDownAt! - record.brokenAt).toBeLessThan(5_000);
        expect(record.outcomes.filter((o) => o.status === 0)).toEqual([]);
        expect(unexpectedAnswers(record.outcomes)).toEqual([]);
        expect(record.outcomes.some((o) => o.status === 503)).toBe(true);

        const logins = record.outcomes.flatMap((o) =>
          o.step === 'login' && o.tokens ? [o.tokens.sessionId] : [],
        );
        expect(await lostRecords(rig, logins)).toEqual([]);
        expect(await tokensWithoutSession(rig.service.url, record.issued)).toEqual([]);
      },
    );
  }
});
