import { Type, type Static } from '@fastify/type-provider-typebox';

import {
  InvalidCursor,
  queryAudit,
  type AuditEntry,
  type AuditQuery,
} from '../audit/audit-query.js';
import { AuditPageView, AuditQueryString } from '../audit/audit-schemas.js';
import { AppError } from '../errors/app-error.js';
import { errorResponses } from '../schemas/common.js';
import type { TypedApp } from './typed-app.js';

// An export reads this many events per round trip and stops after the cap, which keeps one
// request's memory and time bounded; narrow the filters to export more.
const EXPORT_PAGE = 500;
const DEFAULT_LIMIT = 50;
const EXPORT_CAP = 50_000;

function toQuery(query: Static<typeof AuditQueryString>): AuditQuery {
  const { actor, subject, type, from, to, limit, cursor } = query;
  return {
    limit: limit === undefined ? DEFAULT_LIMIT : Number(limit),
    ...(actor === undefined ? {} : { actor }),
    ...(subject === undefined ? {} : { subject }),
    ...(type === undefined ? {} : { type }),
    ...(from === undefined ? {} : { from: new Date(from) }),
    ...(to === undefined ? {} : { to: new Date(to) }),
    ...(cursor === undefined ? {} : { cursor }),
  };
}

function view(entry: AuditEntry) {
  return { ...entry, time: entry.time.toISOString() };
}

/** GET /api/v1/audit (ADMIN and above) and its NDJSON export. */
export function auditRoutes(app: TypedApp): void {
  const collection = app.services.audit.collection;
  const tags = ['audit'];

  const page = async (query: AuditQuery) => {
    try {
      return await queryAudit(collection, query);
    } catch (error) {
      if (error instanceof InvalidCursor) throw new AppError('INVALID_CURSOR');
      throw error;
    }
  };

  app.get(
    '/api/v1/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags,
        summary: 'Search the audit log, newest first, one page at a time',
        description:
          'Filters combine: actor (account id, or the claimed address before sign-in), ' +
          'subject, event type and a time range [from, to). Events are kept 90 days ' +
          '(AUDIT_RETENTION_DAYS) and never hold tokens, signatures or secrets.',
        querystring: AuditQueryString,
        response: { 200: AuditPageView, ...errorResponses(400, 401, 403, 429, 503) },
      },
    },
    async (request) => {
      const result = await page(toQuery(request.query));
      return { items: result.items.map(view), nextCursor: result.nextCursor };
    },
  );

  app.get(
    '/api/v1/audit/export',
    {
      config: { permission: 'audit:export' },
      schema: {
        tags,
        summary: 'Export matching audit events as NDJSON, newest first',
        description:
          `Takes the same filters as /api/v1/audit (limit and cursor aside) and returns up to ` +
          `${EXPORT_CAP} events, one JSON object per line. Needs a stepped-up session when ` +
          'audit:export is in STEP_UP_REQUIRED_ACTIONS.',
        querystring: AuditQueryString,
        response: {
          200: {
            description: 'One audit event per line',
            content: { 'application/x-ndjson': { schema: Type.String() } },
          },
          ...errorResponses(400, 401, 403, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const base = { ...toQuery(request.query), limit: EXPORT_PAGE };
      delete base.cursor;
      const lines: string[] = [];
      let cursor: string | null = null;
      do {
        const result = await page(cursor === null ? base : { ...base, cursor });
        for (const entry of result.items) lines.push(JSON.stringify(view(entry)));
        cursor = result.nextCursor;
      } while (cursor !== null && lines.length < EXPORT_CAP);

      return reply
        .type('application/x-ndjson')
        .header('content-disposition', 'attachment; filename="audit.ndjson"')
        .send(lines.slice(0, EXPORT_CAP).join('\n') + (lines.length > 0 ? '\n' : ''));
    },
  );
}
