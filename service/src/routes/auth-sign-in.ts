import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';

import { AccountExists, type AccountRecord } from '../accounts/account-store.js';
import { requestContext } from '../audit/audit-event.js';
import { tokenResponse } from '../auth/issue-tokens.js';
import { SignInFailure, type VerifiedSignIn } from '../auth/sign-in.js';
import { AppError } from '../errors/app-error.js';
import { signInGuards } from '../lockout/sign-in-guard.js';
import { SignedMessage, TokenResponse } from '../schemas/auth.js';
import { errorResponses } from '../schemas/common.js';
import type { TypedApp } from './typed-app.js';

type Flow = 'register' | 'login';
type SignedBody = Static<typeof SignedMessage>;

/** POST /api/v1/auth/register and POST /api/v1/auth/login. */
export function authSignInRoutes(app: TypedApp): void {
  const { signIn, accounts, sessions, accessTokens, audit, metrics, clock } = app.services;
  const lockoutGuard = signInGuards(app);

  // Every failure leaves the same way: one 401, the reason only in the log and audit.
  const refuse = async (request: FastifyRequest, flow: Flow, failure: SignInFailure) => {
    request.log.warn(
      { flow, reason: failure.reason, address: failure.claimedAddress },
      'sign-in refused',
    );
    metrics.signIns.inc({ flow, outcome: 'failure' });
    await audit.record({
      time: new Date(clock()),
      type: `auth.${flow}`,
      outcome: 'failure',
      actor: failure.claimedAddress,
      subject: failure.claimedAddress,
      reason: failure.reason,
      ...requestContext(request),
    });
    return new AppError('AUTHENTICATION_FAILED', { cause: failure });
  };

  const verify = async (request: FastifyRequest, body: SignedBody, flow: Flow) => {
    const guard = lockoutGuard(request, body.message);
    await guard.assertOpen();
    try {
      const verified = await signIn.verify(body.message, body.signature, flow === 'login');
      await guard.succeeded(verified.address);
      return verified;
    } catch (error) {
      if (!(error instanceof SignInFailure)) throw error;
      await guard.failed();
      throw await refuse(request, flow, error);
    }
  };

  const succeed = async (request: FastifyRequest, flow: Flow, account: AccountRecord) => {
    const context = requestContext(request);
    const session = await sessions.start(account, context);
    const body = await tokenResponse(accessTokens, account, session);

    // No token leaves without its audit entry; the unused session record stays.
    await audit.recordOrRefuse({
      time: new Date(clock()),
      type: `auth.${flow}`,
      outcome: 'success',
      actor: account._id,
      subject: account.address,
      details: { sessionId: session.sessionId },
      ...context,
    });
    metrics.signIns.inc({ flow, outcome: 'success' });
    return body;
  };

  const createAccount = async (request: FastifyRequest, verified: VerifiedSignIn) => {
    try {
      if (verified.account) throw new AccountExists(verified.address);
      return await accounts.create(verified.address, new Date(clock()));
    } catch (error) {
      if (!(error instanceof AccountExists)) throw error;
      request.log.info({ address: verified.address }, 'register refused: account exists');
      throw new AppError('ACCOUNT_EXISTS');
    }
  };

  const schema = (summary: string, description: string) => ({
    tags: ['auth'],
    summary,
    description,
    body: SignedMessage,
    response: { 200: TokenResponse, ...errorResponses(400, 401, 409, 413, 415, 429, 503) },
  });

  app.post(
    '/api/v1/auth/register',
    {
      config: { public: true },
      schema: schema(
        'Create an account from a signed challenge and sign in',
        'Answers 409 ACCOUNT_EXISTS when the address already has an account.',
      ),
    },
    async (request) => {
      const verified = await verify(request, request.body, 'register');
      const account = await createAccount(request, verified);
      return succeed(request, 'register', account);
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: schema(
        'Sign in to an existing account with a signed challenge',
        'Every failure (unknown account, bad signature, expired or used challenge, wrong ' +
          'domain or chain) answers the same 401 AUTHENTICATION_FAILED.',
      ),
    },
    async (request) => {
      const verified = await verify(request, request.body, 'login');
      const account = verified.account!;
      await accounts.touchSignIn(account, new Date(clock()));
      return succeed(request, 'login', account);
    },
  );
}
