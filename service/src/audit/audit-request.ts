import type { FastifyRequest } from 'fastify';

import type { Clock } from '../clock.js';
import { requestContext, type AuditEvent } from './audit-event.js';
import type { AuditLog } from './audit-log.js';

/** The parts of an event a route decides; time and request context are filled in. */
export type AuditFields = Omit<AuditEvent, 'time' | 'ip' | 'userAgent' | 'requestId'>;

/** Records an event for a request, stamped with the service clock and the request's context. */
export function auditRequest(
  audit: AuditLog,
  clock: Clock,
): (request: FastifyRequest, fields: AuditFields) => Promise<void> {
  return (request, fields) =>
    audit.record({ time: new Date(clock()), ...fields, ...requestContext(request) });
}
