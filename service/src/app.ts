import { randomUUID } from 'node:crypto';

import Fastify, { LogController, type FastifyInstance } from 'fastify';
import {
  TypeBoxValidatorCompiler,
  registerAjvFormats,
  type TypeBoxTypeProvider,
} from '@fastify/type-provider-typebox';
import type { DestinationStream } from 'pino';

import { installAuthentication } from './auth/authenticate-hook.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config/config.js';
import { installErrorHandling } from './errors/error-handler.js';
import { stdoutLogSink } from './plugins/log-sink.js';
import { installRequestLogging, loggerOptions } from './plugins/logging.js';
import { deferredChildLogger } from './plugins/request-logger.js';
import { installRequestMetrics } from './plugins/metrics.js';
import { installResponseBatching } from './plugins/response-batching.js';
import { installRouteInfo } from './plugins/route-info.js';
import { buildSharedSerializers } from './plugins/serializers.js';
import { registerDocs, registerOpenApi } from './plugins/swagger.js';
import { installServiceRateLimits } from './rate-limit/service-limits.js';
import { installServiceAccessControl } from './rbac/install.js';
import { auditRoutes } from './routes/audit.js';
import { authChallengeRoutes } from './routes/auth-challenge.js';
import { authSignInRoutes } from './routes/auth-sign-in.js';
import { authTokenRoutes } from './routes/auth-tokens.js';
import { hardwareWalletRoutes } from './routes/hardware-wallets.js';
import { healthRoutes } from './routes/health.js';
import { jwksRoutes } from './routes/jwks.js';
import { metaRoutes } from './routes/meta.js';
import { metricsRoutes } from './routes/metrics.js';
import { sessionRoutes } from './routes/sessions.js';
import { userRoutes } from './routes/users.js';
import { ErrorResponse } from './schemas/common.js';
import { createServices, closeServices } from './services-factory.js';
import './services.js';

/** Options of buildApp. */
export interface BuildAppOptions {
  config: Config;
  /** Replaces the system clock (milliseconds), so tests can move time. */
  clock?: Clock;
  /** Where logs go instead of stdout, so tests can read them. */
  logStream?: DestinationStream;
  /** Forces a secp256k1 implementation instead of native-with-WASM-fallback. */
  secp256k1?: 'native' | 'wasm';
}

// Fastify's types omit the hop-count form proxy-addr supports; a function says the same.
function proxyTrust(
  setting: Config['trustProxy'],
): boolean | string[] | ((a: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

// Sign-in and token bodies are a few hundred bytes; anything near this is abuse.
const BODY_LIMIT_BYTES = 16 * 1024;

/**
 * Once close() has begun, every response says `connection: close`, so Node ends each
 * keep-alive connection after its last in-flight response. `forceCloseConnections: 'idle'`
 * only closes the connections idle at that moment; a client that keeps its sockets (a proxy,
 * a load balancer) would otherwise hold close() open until the shutdown grace runs out.
 */
function closeConnectionsOnShutdown(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
}

/**
 * Builds the service: connects MongoDB and Redis, loads signing keys, registers every route.
 * The instance is not listening; call `listen()` or use `inject()`. `close()` disconnects.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logStream = options.logStream ?? stdoutLogSink();

  const app = Fastify({
    logger: loggerOptions(config, logStream),
    // installRequestLogging writes the one line per request.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: 'requestId',
    }),
    childLoggerFactory: deferredChildLogger,
    genReqId: () => randomUUID(),
    trustProxy: proxyTrust(config.trustProxy),
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    schemaController: { compilersFactory: { buildSerializer: buildSharedSerializers } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  registerAjvFormats();
  app.addSchema(ErrorResponse);

  const services = await createServices({
    config,
    clock,
    log: app.log,
    secp256k1: options.secp256k1,
  });
  app.decorate('services', services);
  app.addHook('onClose', () => closeServices(services));
  if (services.recovery.fallbackReason !== undefined) {
    app.log.warn(
      { reason: services.recovery.fallbackReason },
      'native secp256k1 addon did not load; using the WebAssembly build (slower)',
    );
  }

  await registerOpenApi(app, config);
  installErrorHandling(app);
  // Rate limits identify callers themselves and run first; access control needs request.auth.
  installRouteInfo(app);
  installServiceRateLimits(app);
  installAuthentication(app, services.authenticator);
  installServiceAccessControl(app);
  installRequestMetrics(app, services.metrics);
  installRequestLogging(app, config, logStream);
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  closeConnectionsOnShutdown(app);
  // Last onSend hook: every other one has seen the payload before it waits for the batch.
  installResponseBatching(app);

  healthRoutes(app);
  metaRoutes(app);
  jwksRoutes(app);
  metricsRoutes(app);
  authChallengeRoutes(app);
  authSignInRoutes(app);
  authTokenRoutes(app);
  userRoutes(app);
  sessionRoutes(app);
  hardwareWalletRoutes(app);
  auditRoutes(app);
  await registerDocs(app);

  return app;
}
