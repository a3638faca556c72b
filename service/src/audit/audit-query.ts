import { ObjectId, type Collection, type Filter, type WithId } from 'mongodb';

import type { AuditEvent, AuditEventType } from './audit-event.js';

/** Filters and page position of an audit search. */
export interface AuditQuery {
  actor?: string;
  subject?: string;
  type?: AuditEventType;
  /** Inclusive lower bound on the event time. */
  from?: Date;
  /** Exclusive upper bound on the event time. */
  to?: Date;
  limit: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** An audit event as the API shows it. */
export type AuditEntry = AuditEvent & { id: string };

/** One page of events, newest first, with the cursor of the next page or null at the end. */
export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

/** Thrown for a cursor that is not in the form this service issues. */
export class InvalidCursor extends Error {
  constructor() {
    super('The cursor is not one this service issued');
  }
}

interface Position {
  time: Date;
  id: ObjectId;
}

// A cursor is the last entry's time and id: pages stay stable while new events arrive.
function encodeCursor(position: Position): string {
  const text = `${position.time.getTime()}.${position.id.toHexString()}`;
  return Buffer.from(text).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  const match = /^(\d{1,15})\.([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match?.[1] || !match[2]) throw new InvalidCursor();
  return { time: new Date(Number(match[1])), id: new ObjectId(match[2]) };
}

function toEntry({ _id, ...event }: WithId<AuditEvent>): AuditEntry {
  return { id: _id.toHexString(), ...event };
}

/**
 * Finds audit events matching every given filter, newest first, one page at a time. Reads
 * one more than the limit to learn whether another page exists.
 */
export async function queryAudit(
  collection: Collection<AuditEvent>,
  query: AuditQuery,
): Promise<AuditPage> {
  const filter: Filter<AuditEvent> = {};
  if (query.actor !== undefined) filter.actor = query.actor;
  if (query.subject !== undefined) filter.subject = query.subject;
  if (query.type !== undefined) filter.type = query.type;
  if (query.from !== undefined || query.to !== undefined) {
    filter.time = {
      ...(query.from === undefined ? {} : { $gte: query.from }),
      ...(query.to === undefined ? {} : { $lt: query.to }),
    };
  }

  if (query.cursor !== undefined) {
    const after = decodeCursor(query.cursor);
    filter.$or = [{ time: { $lt: after.time } }, { time: after.time, _id: { $lt: after.id } }];
  }

  const documents = await collection
    .find(filter)
    .sort({ time: -1, _id: -1 })
    .limit(query.limit + 1)
    .toArray();

  const page = documents.slice(0, query.limit);
  const last = page.at(-1);
  const more = documents.length > query.limit && last !== undefined;
  return {
    items: page.map(toEntry),
    nextCursor: more ? encodeCursor({ time: last.time, id: last._id }) : null,
  };
}
