import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, type Db } from 'mongodb';

import { GroupInsert } from '../../../service/src/db/group-insert.js';
import { testServices } from '../../support/services.js';

interface Row {
  _id: string;
  n: number;
}

describe('group commit of inserts', () => {
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    client = new MongoClient(testServices().mongodbUri, { monitorCommands: true });
    db = client.db(`test_group_insert_${randomBytes(6).toString('hex')}`);
    await db.collection('rows').insertOne({ _id: 'seed', n: -1 } as never);
  });

  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it('stores every document of concurrent callers, in fewer commands than documents', async () => {
    const rows = db.collection<Row>('rows');
    let commands = 0;
    client.on('commandStarted', (event) => {
      if (event.commandName === 'insert') commands++;
    });
    const writer = new GroupInsert(rows);

    await Promise.all(Array.from({ length: 100 }, (_, n) => writer.insert({ _id: `row-${n}`, n })));

    expect(await rows.countDocuments({ n: { $gte: 0 } })).toBe(100);
    expect(commands).toBeGreaterThan(0);
    expect(commands).toBeLessThan(100);
  });

  it('rejects only the caller whose document failed', async () => {
    const writer = new GroupInsert(db.collection<Row>('rows'));

    const results = await Promise.allSettled([
      writer.insert({ _id: 'fresh-1', n: 1 }),
      writer.insert({ _id: 'fresh-2', n: 2 }),
      writer.insert({ _id: 'seed', n: 3 }),
      writer.insert({ _id: 'fresh-3', n: 4 }),
    ]);

    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
  });
});
