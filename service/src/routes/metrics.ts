import { Type } from '@fastify/type-provider-typebox';

import type { TypedApp } from './typed-app.js';

/**
 * GET /metrics in the Prometheus text format. Public so scrapers need no token; the
 * deployment keeps it off the public ingress.
 */
export function metricsRoutes(app: TypedApp): void {
  const { registry } = app.services.metrics;

  app.get(
    '/metrics',
    {
      config: { public: true, rateLimit: false },
      schema: {
        tags: ['meta'],
        summary: 'Prometheus metrics',
        response: {
          200: {
            description: 'Prometheus text exposition format 0.0.4',
            content: { 'text/plain': { schema: Type.String() } },
          },
        },
      },
    },
    async (_request, reply) => {
      void reply.header('content-type', registry.contentType);
      return registry.metrics();
    },
  );
}
