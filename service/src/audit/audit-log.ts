import type { Collection, Db } from 'mongodb';
import type { FastifyBaseLogger } from 'fastify';

import { DeadlineExceeded, withinDeadline } from '../db/deadline.js';
import { GroupInsert } from '../db/group-insert.js';
import { AppError } from '../errors/app-error.js';
import { isDependencyFailure } from '../errors/dependency.js';
import type { AuditEvent } from './audit-event.js';

/** The MongoDB collection holding audit events. */
export const AUDIT_COLLECTION = 'audit_log';

// How long a request waits for its audit entry. Under load a batch takes tens of
// milliseconds; during a MongoDB outage the driver would take 3 s per server selection, and
// more while writes queue behind a failing batch. A write that misses it may still land.
const AUDIT_WAIT_MS = 2_000;

/**
 * Writes security events to MongoDB, in two strengths:
 * - `record` logs and swallows a failed or slow write, for events that follow something the
 *   client must not lose (a rotated refresh token, a revoked session): the log line keeps
 *   the event.
 * - `recordOrRefuse` turns a failed or slow write into a retryable 503, for events that come
 *   before anything is handed out. A challenge is refused rather than issued unaudited:
 *   MongoDB being down means the login it leads to would fail too, and refusing at once
 *   spares the user a wallet signature prompt that leads nowhere. A login is refused rather
 *   than answered without its `auth.login` entry (its session record stays, unused).
 * Both wait at most AUDIT_WAIT_MS.
 */
export class AuditLog {
  readonly collection: Collection<AuditEvent>;
  private readonly log: FastifyBaseLogger;
  private readonly inserts: GroupInsert<AuditEvent>;

  constructor(db: Db, log: FastifyBaseLogger) {
    this.collection = db.collection<AuditEvent>(AUDIT_COLLECTION);
    this.log = log;
    this.inserts = new GroupInsert(this.collection);
  }

  /** Stores one event, or logs it when it cannot be stored in time; never throws. */
  async record(event: AuditEvent): Promise<void> {
    await this.recordOrRefuse(event).catch(() => undefined);
  }

  /**
   * Stores one event, or logs it and throws: DEPENDENCY_UNAVAILABLE when MongoDB fails or
   * is too slow, the error itself otherwise.
   */
  async recordOrRefuse(event: AuditEvent): Promise<void> {
    try {
      await withinDeadline(this.inserts.insert({ ...event }), AUDIT_WAIT_MS, 'audit write');
    } catch (error) {
      this.log.error({ err: error, audit: event }, 'audit write failed');
      if (error instanceof DeadlineExceeded || isDependencyFailure(error)) {
        throw new AppError('DEPENDENCY_UNAVAILABLE', { cause: error });
      }
      throw error;
    }
  }
}
