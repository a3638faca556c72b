import { STATUS_CODES } from 'node:http';

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { AppError } from './app-error.js';
import { ERRORS, type ErrorBody, type ErrorCode } from './catalogue.js';
import { isDependencyFailure } from './dependency.js';

// Fastify's own client errors, mapped onto catalogue codes.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

/** Builds the error body for a catalogue code. */
export function errorBody(code: ErrorCode, message?: string): ErrorBody {
  const { status } = ERRORS[code];
  return {
    statusCode: status,
    code,
    error: STATUS_CODES[status] ?? 'Error',
    message: message ?? ERRORS[code].message,
  };
}

function classify(error: FastifyError | AppError): { body: ErrorBody; appError?: AppError } {
  if (error instanceof AppError)
    return { body: errorBody(error.code, error.message), appError: error };

  if (error.validation) return { body: errorBody('VALIDATION_ERROR', error.message) };

  const mapped = error.code === undefined ? undefined : FASTIFY_CODES[error.code];
  if (mapped) return { body: errorBody(mapped) };

  if (isDependencyFailure(error)) return { body: errorBody('DEPENDENCY_UNAVAILABLE') };

  // Other 4xx come from the parser (prototype poisoning, bad JSON): safe to say so.
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code: ErrorCode = error instanceof SyntaxError ? 'INVALID_JSON' : 'BAD_REQUEST';
    return { body: errorBody(code) };
  }
  return { body: errorBody('INTERNAL_ERROR') };
}

/** Sends every error as `{statusCode, code, error, message}`; 5xx never echo internals. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const { body, appError } = classify(error);

    if (body.statusCode >= 500) {
      request.log.error({ err: error, code: body.code }, 'request failed');
    } else {
      request.log.info({ code: body.code, reason: error.message }, 'request refused');
    }

    if (appError) void reply.headers(appError.headers);
    if (body.code === 'DEPENDENCY_UNAVAILABLE') void reply.header('retry-after', '1');
    return reply.code(body.statusCode).send(body);
  });

  app.setNotFoundHandler((_request: FastifyRequest, reply: FastifyReply) =>
    reply.code(404).send(errorBody('ROUTE_NOT_FOUND')),
  );
}
