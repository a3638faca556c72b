import { Type } from '@fastify/type-provider-typebox';

import { errorResponses } from '../schemas/common.js';
import type { TypedApp } from './typed-app.js';

import { chainIdOf } from '../challenge/chains.js';

const MetaInfo = Type.Object({
  service: Type.String(),
  version: Type.String(),
  cluster: Type.Literal('09-authentication'),
  port: Type.Integer(),
  tronNetwork: Type.String(),
  chainId: Type.String({ description: 'CAIP-2 chain id the sign-in message names' }),
  features: Type.Array(Type.String()),
});

const FEATURES = [
  'tron-signature',
  'caip-122-sign-in',
  'eddsa-jwt',
  'jwks',
  'refresh-rotation',
  'hardware-wallet',
  'rbac',
];

/** GET /api/v1/meta/info: what this service is and what it offers. */
export function metaRoutes(app: TypedApp): void {
  const { config, recovery } = app.services;
  const info = {
    service: config.serviceName,
    version: config.serviceVersion,
    cluster: '09-authentication' as const,
    port: config.port,
    tronNetwork: config.tronNetwork,
    chainId: chainIdOf(config.tronNetwork),
    features: [...FEATURES, `secp256k1-${recovery.kind}`],
  };

  app.get(
    '/api/v1/meta/info',
    {
      config: { public: true },
      schema: {
        tags: ['meta'],
        summary: 'Service identity and features',
        response: { 200: MetaInfo, ...errorResponses(429, 503) },
      },
    },
    () => info,
  );
}
