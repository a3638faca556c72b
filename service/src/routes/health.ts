import { Type } from '@fastify/type-provider-typebox';

import type { TypedApp } from './typed-app.js';

import { pingMongo } from '../db/mongo.js';
import { pingRedis } from '../db/redis.js';

const DependencyState = Type.Union([Type.Literal('up'), Type.Literal('down')]);

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  service: Type.String(),
  version: Type.String(),
  timestamp: Type.String({ format: 'date-time' }),
  dependencies: Type.Object({ mongodb: DependencyState, redis: DependencyState }),
});

const PING_TIMEOUT_MS = 1_000;

/** /health, /health/live and /health/ready. */
export function healthRoutes(app: TypedApp): void {
  const { config, mongo, redis, clock } = app.services;

  const check = async () => {
    const [mongoUp, redisUp] = await Promise.all([
      pingMongo(mongo, PING_TIMEOUT_MS),
      pingRedis(redis, PING_TIMEOUT_MS),
    ]);
    return {
      status: mongoUp && redisUp ? ('ok' as const) : ('degraded' as const),
      service: config.serviceName,
      version: config.serviceVersion,
      timestamp: new Date(clock()).toISOString(),
      dependencies: {
        mongodb: mongoUp ? ('up' as const) : ('down' as const),
        redis: redisUp ? ('up' as const) : ('down' as const),
      },
    };
  };

  const tags = ['health'];
  // Probes are never rate limited: kubelets poll them, and they must answer while Redis is down.
  const config_ = { public: true, rateLimit: false as const };

  app.get(
    '/health',
    {
      config: config_,
      schema: {
        tags,
        summary: 'Service status with each dependency; always 200',
        response: { 200: Health },
      },
    },
    check,
  );

  app.get(
    '/health/live',
    {
      config: config_,
      schema: {
        tags,
        summary: 'Liveness: the process answers; no dependency is checked',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      config: config_,
      schema: {
        tags,
        summary: 'Readiness: 503 while MongoDB or Redis is unreachable',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const health = await check();
      return reply.code(health.status === 'ok' ? 200 : 503).send(health);
    },
  );
}
