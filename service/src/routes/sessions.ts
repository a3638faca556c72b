import { Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';

import { auditRequest } from '../audit/audit-request.js';
import { authOf } from '../auth/authenticate-hook.js';
import { AppError } from '../errors/app-error.js';
import { hasPermission, type Permission } from '../rbac/permissions.js';
import { requirePermission } from '../rbac/guard.js';
import { errorResponses, NullableString } from '../schemas/common.js';
import type { SessionRecord } from '../sessions/session-store.js';
import type { TypedApp } from './typed-app.js';

const Instant = Type.String({ format: 'date-time' });
const OptionalInstant = NullableString({ format: 'date-time' });

const SessionView = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  address: Type.String(),
  createdAt: Instant,
  lastUsedAt: Instant,
  expiresAt: Instant,
  ip: Type.String({ description: 'Client address at sign-in or the latest refresh' }),
  userAgent: NullableString(),
  authMethod: Type.Union([Type.Literal('wallet'), Type.Literal('hardware-wallet')]),
  steppedUpUntil: NullableString({
    format: 'date-time',
    description: 'Until when a hardware-wallet step-up holds; null when never stepped up',
  }),
  active: Type.Boolean({ description: 'Neither revoked nor expired' }),
  revokedAt: OptionalInstant,
  revokedReason: NullableString(),
  current: Type.Boolean({ description: 'True for the session making this request' }),
});

const SessionParams = Type.Object({ session_id: Type.String({ format: 'uuid' }) });

const DEFAULT_LIMIT = 50;

const ListQuery = Type.Object(
  {
    userId: Type.Optional(Type.String({ format: 'uuid', description: 'ADMIN and above only' })),
    // A digit pattern, not an integer: query coercion would otherwise read `true` as 1.
    limit: Type.Optional(
      Type.String({ pattern: '^([1-9]|[1-9][0-9]|100)$', description: '1 to 100; default 50' }),
    ),
  },
  { additionalProperties: false },
);

/** Sessions routes: list, inspect and revoke one's own; ADMIN and above, anyone's. */
export function sessionRoutes(app: TypedApp): void {
  const { sessionStore, sessions, audit, clock } = app.services;
  const record = auditRequest(audit, clock);
  const tags = ['sessions'];

  const view = (session: SessionRecord, request: FastifyRequest) => ({
    id: session._id,
    userId: session.userId,
    address: session.address,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    ip: session.ip,
    userAgent: session.userAgent,
    authMethod: session.authMethod,
    steppedUpUntil: session.steppedUpUntil?.toISOString() ?? null,
    active: session.revokedAt === null && session.expiresAt.getTime() > clock(),
    revokedAt: session.revokedAt?.toISOString() ?? null,
    revokedReason: session.revokedReason,
    current: session._id === authOf(request).sessionId,
  });

  // Someone else's session answers 404 unless the caller may see anyone's: its existence
  // is not revealed to those who may not touch it.
  const findVisible = async (request: FastifyRequest, id: string, any: Permission) => {
    const session = await sessionStore.collection.findOne({ _id: id });
    const auth = authOf(request);
    if (!session || (session.userId !== auth.userId && !hasPermission(auth.role, any))) {
      throw new AppError('NOT_FOUND');
    }
    return session;
  };

  app.get(
    '/api/v1/sessions',
    {
      config: { permission: 'sessions:read-own' },
      schema: {
        tags,
        summary: "The caller's sessions, newest first (ADMIN and above: any user's)",
        querystring: ListQuery,
        response: {
          200: Type.Object({ sessions: Type.Array(SessionView) }),
          ...errorResponses(400, 401, 403, 429, 503),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const userId = request.query.userId ?? auth.userId;
      if (userId !== auth.userId) requirePermission(request, 'sessions:read-any');

      const found = await sessionStore.collection
        .find({ userId })
        .sort({ createdAt: -1 })
        .limit(Number(request.query.limit ?? DEFAULT_LIMIT))
        .toArray();
      return { sessions: found.map((session) => view(session, request)) };
    },
  );

  app.get(
    '/api/v1/sessions/:session_id',
    {
      config: { permission: 'sessions:read-own' },
      schema: {
        tags,
        summary: 'One session',
        params: SessionParams,
        response: { 200: SessionView, ...errorResponses(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request) => {
      const session = await findVisible(request, request.params.session_id, 'sessions:read-any');
      return view(session, request);
    },
  );

  app.delete(
    '/api/v1/sessions/:session_id',
    {
      config: { permission: 'sessions:revoke-own' },
      schema: {
        tags,
        summary: 'Revoke a session: its refresh and access tokens stop working at once',
        description: 'Revoking an already revoked or expired session succeeds and changes nothing.',
        params: SessionParams,
        response: { 200: SessionView, ...errorResponses(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const target = await findVisible(request, request.params.session_id, 'sessions:revoke-any');
      const reason = target.userId === auth.userId ? 'revoked-by-owner' : 'revoked-by-admin';

      await sessions.revoke(target._id, reason);
      await record(request, {
        type: 'session.revoke',
        outcome: 'success',
        actor: auth.userId,
        subject: target._id,
        details: { owner: target.userId, reason },
      });
      const after = await sessionStore.collection.findOne({ _id: target._id });
      return view(after ?? target, request);
    },
  );
}
