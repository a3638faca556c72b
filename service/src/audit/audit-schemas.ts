import { Type } from '@fastify/type-provider-typebox';

import { NullableString } from '../schemas/common.js';
import { AUDIT_EVENT_TYPES, type AuditEventType } from './audit-event.js';

const Instant = Type.String({ format: 'date-time' });
const EventType = Type.Unsafe<AuditEventType>({ type: 'string', enum: [...AUDIT_EVENT_TYPES] });

/** GET /audit query: every filter is optional and they combine. */
export const AuditQueryString = Type.Object(
  {
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    type: Type.Optional(EventType),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Inclusive' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Exclusive' })),
    // A digit pattern, not an integer: query coercion would otherwise read `true` as 1.
    limit: Type.Optional(
      Type.String({
        pattern: '^([1-9]|[1-9][0-9]|1[0-9]{2}|200)$',
        description: '1 to 200; default 50',
      }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 128, description: 'nextCursor of a page' })),
  },
  { additionalProperties: false },
);

/** One audit event as the API shows it. */
export const AuditEntryView = Type.Object({
  id: Type.String(),
  time: Instant,
  type: EventType,
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
  actor: NullableString(),
  subject: NullableString(),
  ip: Type.String(),
  userAgent: NullableString(),
  requestId: Type.String(),
  reason: Type.Optional(Type.String()),
  details: Type.Optional(
    Type.Record(
      Type.String(),
      Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
    ),
  ),
});

/** One page of the audit log. */
export const AuditPageView = Type.Object({
  items: Type.Array(AuditEntryView),
  nextCursor: NullableString({
    description: 'Pass as cursor for the next page; null on the last page',
  }),
});
