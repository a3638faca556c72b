import type { Collection, Db } from 'mongodb';
import type { FastifyBaseLogger } from 'fastify';

import { GroupInsert } from '../db/group-insert.js';
import type { AuditEvent } from './audit-event.js';

/** The MongoDB collection holding audit events. */
export const AUDIT_COLLECTION = 'audit_log';

/**
 * Writes security events to MongoDB. A failed write is logged and swallowed: losing an
 * audit line must not turn a sign-in into an error, and the log line keeps the event.
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

  /** Stores one event; resolves once it is written (events under load share a batch). */
  async record(event: AuditEvent): Promise<void> {
    try {
      await this.inserts.insert({ ...event });
    } catch (error) {
      this.log.error({ err: error, audit: event }, 'audit write failed');
    }
  }
}
