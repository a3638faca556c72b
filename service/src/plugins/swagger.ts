import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

import type { Config } from '../config/config.js';

/**
 * Collects every route's schema into an OpenAPI 3.1 document. Must be registered before
 * the routes. Protected routes are marked as needing the bearer scheme from their config.
 */
export async function registerOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lucid Auth',
        description: 'Sign in with a TRON wallet; EdDSA access tokens and rotating refresh tokens.',
        version: config.serviceVersion,
      },
      servers: [{ url: config.publicOrigin }],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    transform: ({ schema, url, route }) => {
      if (route.config?.public === true || schema?.hide) return { schema, url };
      return { schema: { ...schema, security: [{ bearerAuth: [] }] }, url };
    },
  });
}

/**
 * Serves the document at /openapi.json and the browsable UI at /docs. The UI plugin's own
 * routes cannot carry our config, so every route registered in this context is made public.
 */
export async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });

    docs.get('/openapi.json', { schema: { hide: true } }, () => docs.swagger());
    await docs.register(swaggerUi, { routePrefix: '/docs' });
  });
}
