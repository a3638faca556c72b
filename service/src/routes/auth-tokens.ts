import { Type } from '@fastify/type-provider-typebox';

import type { AccountRecord } from '../accounts/account-store.js';
import { requestContext } from '../audit/audit-event.js';
import { authOf } from '../auth/authenticate-hook.js';
import { tokenResponse } from '../auth/issue-tokens.js';
import { AppError } from '../errors/app-error.js';
import { RefreshRequest, TokenResponse } from '../schemas/auth.js';
import { errorResponses } from '../schemas/common.js';
import type { TypedApp } from './typed-app.js';

/** POST /api/v1/auth/refresh and POST /api/v1/auth/logout. */
export function authTokenRoutes(app: TypedApp): void {
  const { accounts, sessions, accessTokens, audit, metrics, clock } = app.services;

  app.post(
    '/api/v1/auth/refresh',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Trade a refresh token for a new token pair',
        description:
          'Every refresh rotates the refresh token. Presenting one that was already rotated ' +
          'revokes the whole session (RFC 9700 reuse detection).',
        body: RefreshRequest,
        response: { 200: TokenResponse, ...errorResponses(400, 401, 413, 415, 429, 503) },
      },
    },
    async (request) => {
      const context = requestContext(request);
      let account: AccountRecord | null = null;
      const outcome = await sessions.refresh(request.body.refreshToken, async (userId) => {
        account = await accounts.findById(userId);
        if (!account) throw new AppError('REFRESH_TOKEN_INVALID');
      });
      const event = { time: new Date(clock()), ...context };

      if (outcome.status === 'rotated' && account) {
        // The rotation is done: nothing from here may fail, or a retry would look like reuse.
        await sessions.touch(outcome.sessionId, context).catch((error: unknown) => {
          request.log.error({ err: error }, 'session touch failed');
        });
        metrics.refreshes.inc({ outcome: 'success' });
        await audit.record({
          ...event,
          type: 'auth.refresh',
          outcome: 'success',
          actor: outcome.userId,
          subject: outcome.sessionId,
        });
        return tokenResponse(accessTokens, account, outcome);
      }

      if (outcome.status === 'reuse') {
        request.log.warn({ sessionId: outcome.sessionId }, 'refresh token reuse: session revoked');
        metrics.refreshes.inc({ outcome: 'reuse' });
        metrics.refreshReuse.inc();
        await audit.record({
          ...event,
          type: 'auth.refresh-reuse',
          outcome: 'failure',
          actor: outcome.userId,
          subject: outcome.sessionId,
          reason: 'rotated-token-presented',
        });
      } else {
        request.log.warn({ reason: 'unknown-token' }, 'refresh refused');
        metrics.refreshes.inc({ outcome: 'invalid' });
        await audit.record({
          ...event,
          type: 'auth.refresh',
          outcome: 'failure',
          actor: null,
          subject: null,
          reason: 'unknown-token',
        });
      }
      throw new AppError('REFRESH_TOKEN_INVALID');
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: "End the caller's session: its refresh and access tokens stop at once",
        response: { 204: Type.Null(), ...errorResponses(401, 429, 503) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      await sessions.revoke(auth.sessionId, 'logout');
      await audit.record({
        time: new Date(clock()),
        type: 'auth.logout',
        outcome: 'success',
        actor: auth.userId,
        subject: auth.sessionId,
        ...requestContext(request),
      });
      return reply.code(204).send(null);
    },
  );
}
