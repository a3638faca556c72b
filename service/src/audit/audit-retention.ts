import { MongoServerError, type Collection } from 'mongodb';

import type { AuditEvent } from './audit-event.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const TTL_INDEX = 'audit_retention_ttl';

// MongoDB error codes: the server lacks TTL indexes (FerretDB), or an index of that name
// exists with another expiry (the retention setting changed since it was made).
const NOT_IMPLEMENTED = 238;
const INDEX_OPTIONS_CONFLICT = 85;

/** How the retention is enforced on this server. */
export interface RetentionSetup {
  /** True when the server expires old events itself; the purge runs in any case. */
  ttlIndex: boolean;
}

/**
 * Creates the audit indexes: one per filter of the query API, each ending in time so
 * pagination reads in order, and a TTL index on `time` where the server supports one.
 */
export async function ensureAuditIndexes(
  collection: Collection<AuditEvent>,
  retentionDays: number,
): Promise<RetentionSetup> {
  await collection.createIndex({ time: -1, _id: -1 });
  await collection.createIndex({ actor: 1, time: -1, _id: -1 });
  await collection.createIndex({ subject: 1, time: -1, _id: -1 });
  await collection.createIndex({ type: 1, time: -1, _id: -1 });

  const expireAfterSeconds = retentionDays * 24 * 60 * 60;
  try {
    await collection.createIndex({ time: 1 }, { name: TTL_INDEX, expireAfterSeconds });
    return { ttlIndex: true };
  } catch (error) {
    if (!(error instanceof MongoServerError)) throw error;
    if (error.code === NOT_IMPLEMENTED) return { ttlIndex: false };
    if (error.code !== INDEX_OPTIONS_CONFLICT) throw error;
  }

  await collection.db.command({
    collMod: collection.collectionName,
    index: { name: TTL_INDEX, expireAfterSeconds },
  });
  return { ttlIndex: true };
}

/**
 * Deletes events older than the retention period and returns how many went. Runs on every
 * replica; deleting by a time bound is idempotent, so replicas racing each other is harmless.
 */
export async function purgeExpiredAudit(
  collection: Collection<AuditEvent>,
  retentionDays: number,
  now: Date = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const { deletedCount } = await collection.deleteMany({ time: { $lt: cutoff } });
  return deletedCount;
}

/** Settings of the periodic purge. */
export interface PurgeScheduleOptions {
  collection: Collection<AuditEvent>;
  retentionDays: number;
  intervalMs: number;
  /** Told of each run's result, or of its failure; a failed run is retried next interval. */
  onRun: (result: { deleted: number } | { error: unknown }) => void;
}

/**
 * Runs the purge now and then every interval, until the returned function is called. The
 * timer does not keep the process alive.
 */
export function schedulePurge(options: PurgeScheduleOptions): () => void {
  const run = (): void => {
    purgeExpiredAudit(options.collection, options.retentionDays).then(
      (deleted) => options.onRun({ deleted }),
      (error: unknown) => options.onRun({ error }),
    );
  };

  run();
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
