import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';

import type { Config } from '../config/config.js';

// Anything that can authenticate someone, wherever it shows up in a log object.
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  '*.authorization',
  '*.accessToken',
  '*.refreshToken',
  '*.signature',
  '*.privateKey',
  '*.keyEncryptionSecret',
  'accessToken',
  'refreshToken',
  'signature',
];

/** pino options for Fastify: level from config, secrets redacted, no request bodies. */
export function loggerOptions(
  config: Config,
  stream?: DestinationStream,
): FastifyServerOptions['logger'] {
  const base = {
    level: config.logLevel,
    base: { service: config.serviceName, version: config.serviceVersion },
    redact: { paths: REDACT, censor: '[redacted]' },
  };
  return stream ? { ...base, stream } : base;
}

/**
 * One log line per request, after the response: method, path without the query string
 * (queries can carry tokens), route, status and duration.
 */
export function installRequestLogging(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    const query = request.url.indexOf('?');
    request.log.info(
      {
        method: request.method,
        path: query === -1 ? request.url : request.url.slice(0, query),
        route: request.routeOptions.url,
        statusCode: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
        ip: request.ip,
      },
      'request completed',
    );
    done();
  });
}
