import { randomUUID } from 'node:crypto';

import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';

import type { AuditEvent } from '../../../service/src/audit/audit-event.js';
import {
  ensureAuditIndexes,
  purgeExpiredAudit,
  schedulePurge,
} from '../../../service/src/audit/audit-retention.js';
import { testServices } from '../../support/services.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function eventAged(now: Date, days: number, requestId: string): AuditEvent {
  return {
    time: new Date(now.getTime() - days * DAY_MS),
    type: 'auth.login',
    outcome: 'success',
    actor: 'alice',
    subject: 'alice',
    ip: '192.0.2.1',
    userAgent: null,
    requestId,
  };
}

describe('the audit retention', () => {
  const mongo = new MongoClient(testServices().mongodbUri);
  const dbName = `audit_retention_${randomUUID().slice(0, 8)}`;

  afterAll(async () => {
    await mongo.db(dbName).dropDatabase();
    await mongo.close();
  });

  it('purges events older than 90 days and keeps the newer ones', async () => {
    const collection = mongo.db(dbName).collection<AuditEvent>('purge');
    const now = new Date();
    await collection.insertMany([
      eventAged(now, 400, 'ancient'),
      eventAged(now, 90.01, 'just-expired'),
      eventAged(now, 89.99, 'just-kept'),
      eventAged(now, 1, 'recent'),
    ]);

    const deleted = await purgeExpiredAudit(collection, 90, now);

    expect(deleted).toBe(2);
    const left = await collection.find().sort({ time: 1 }).toArray();
    expect(left.map((item) => item.requestId)).toEqual(['just-kept', 'recent']);
  });

  it('reports that this server has no TTL index, so the purge enforces retention', async () => {
    const collection = mongo.db(dbName).collection<AuditEvent>('indexes');

    expect(await ensureAuditIndexes(collection, 90)).toEqual({ ttlIndex: false });
    // Running it again on every start must succeed as well.
    expect(await ensureAuditIndexes(collection, 30)).toEqual({ ttlIndex: false });
    const names = (await collection.indexes()).map((index) => index.name);
    expect(names).toEqual(expect.arrayContaining(['time_-1__id_-1', 'actor_1_time_-1__id_-1']));
  });

  it('runs the purge at once when scheduled, then stops when told', async () => {
    const collection = mongo.db(dbName).collection<AuditEvent>('scheduled');
    await collection.insertMany([
      eventAged(new Date(), 91, 'old'),
      eventAged(new Date(), 1, 'new'),
    ]);

    const result = await new Promise<unknown>((resolve) => {
      const stop = schedulePurge({
        collection,
        retentionDays: 90,
        intervalMs: 60_000,
        onRun: (outcome) => {
          stop();
          resolve(outcome);
        },
      });
    });

    expect(result).toEqual({ deleted: 1 });
  });
});
