import { randomUUID } from 'node:crypto';

import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AuditEvent } from '../../../service/src/audit/audit-event.js';
import { InvalidCursor, queryAudit } from '../../../service/src/audit/audit-query.js';
import { ensureAuditIndexes } from '../../../service/src/audit/audit-retention.js';
import { testServices } from '../../support/services.js';

const START = Date.parse('2026-01-01T00:00:00Z');

function event(minute: number, fields: Partial<AuditEvent> = {}): AuditEvent {
  return {
    time: new Date(START + minute * 60_000),
    type: 'auth.login',
    outcome: 'success',
    actor: 'alice',
    subject: 'alice',
    ip: '192.0.2.1',
    userAgent: 'test',
    requestId: `req-${minute}`,
    ...fields,
  };
}

describe('the audit query', () => {
  const mongo = new MongoClient(testServices().mongodbUri);
  const dbName = `audit_query_${randomUUID().slice(0, 8)}`;
  const collection = mongo.db(dbName).collection<AuditEvent>('audit_log');

  beforeAll(async () => {
    await ensureAuditIndexes(collection, 90);
    await collection.insertMany([
      event(0),
      event(1, { type: 'auth.logout' }),
      event(2, { actor: 'bob', subject: 'bob' }),
      event(3, { actor: 'root', subject: 'alice', type: 'role.change' }),
      // Three events in one millisecond: the cursor must still not skip or repeat any.
      event(4, { requestId: 'same-1' }),
      event(4, { requestId: 'same-2' }),
      event(4, { requestId: 'same-3' }),
    ]);
  });

  afterAll(async () => {
    await mongo.db(dbName).dropDatabase();
    await mongo.close();
  });

  it('pages through every event newest first, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await queryAudit(collection, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.requestId));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);

    expect(pages).toBe(4);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(3)).toEqual(['req-3', 'req-2', 'req-1', 'req-0']);
  });

  it('filters by actor, subject, event type and time range together', async () => {
    const bySubject = await queryAudit(collection, { subject: 'alice', limit: 50 });
    const byActorAndType = await queryAudit(collection, {
      actor: 'root',
      type: 'role.change',
      limit: 50,
    });
    const inRange = await queryAudit(collection, {
      from: new Date(START + 60_000),
      to: new Date(START + 3 * 60_000),
      limit: 50,
    });

    expect(bySubject.items).toHaveLength(6);
    expect(byActorAndType.items.map((item) => item.requestId)).toEqual(['req-3']);
    expect(inRange.items.map((item) => item.requestId)).toEqual(['req-2', 'req-1']);
  });

  it('returns entries with an id and no database internals', async () => {
    const { items, nextCursor } = await queryAudit(collection, { actor: 'bob', limit: 5 });

    expect(nextCursor).toBeNull();
    const { id, ...rest } = items[0] ?? { id: '' };
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(rest).toEqual(event(2, { actor: 'bob', subject: 'bob' }));
  });

  it('refuses a cursor it did not issue', async () => {
    await expect(
      queryAudit(collection, { limit: 5, cursor: 'bm90LWEtY3Vyc29y' }),
    ).rejects.toBeInstanceOf(InvalidCursor);
  });
});
