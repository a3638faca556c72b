import type { FastifyInstance, FastifyRequest } from 'fastify';

import { AppError } from '../errors/app-error.js';
import { routeOf } from '../plugins/route-info.js';
import type { AuthContext } from '../tokens/access-tokens.js';
import type { Authenticator } from './authenticator.js';
import './route-config.js';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/** The bearer token of a request, or undefined when absent or not a JWT's shape. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  return BEARER.exec(header)?.[1] ?? '';
}

/** The caller of a protected route; throws when called on a public one without a token. */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError('AUTHENTICATION_REQUIRED');
  return request.auth;
}

/**
 * Requires a verified access token on every route whose config does not say `public: true`,
 * and sets `request.auth`. Unknown URLs fall through to the 404 handler untouched. The hook
 * takes a callback so that a token already verified, or seen before, costs no promise.
 */
export function installAuthentication(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest('auth', null);

  const refuse = (request: FastifyRequest, error: unknown): Error => {
    if (error instanceof AppError) {
      request.log.warn({ reason: (error.cause as Error | undefined)?.message }, 'access refused');
    }
    return error as Error;
  };

  app.addHook('onRequest', (request, _reply, done) => {
    if (request.is404 || routeOf(request).config.public === true) return done();
    // The rate limit, which runs first, may have verified the token already.
    if (request.auth) return done();

    const token = bearerToken(request);
    if (token === undefined) return done(new AppError('AUTHENTICATION_REQUIRED'));
    if (token === '') return done(new AppError('ACCESS_TOKEN_INVALID'));

    let verdict: AuthContext | Promise<AuthContext>;
    try {
      verdict = authenticator.authenticate(token);
    } catch (error) {
      return done(refuse(request, error));
    }
    if (!(verdict instanceof Promise)) {
      request.auth = verdict;
      return done();
    }
    verdict.then(
      (auth) => {
        request.auth = auth;
        done();
      },
      (error: unknown) => done(refuse(request, error)),
    );
  });
}
