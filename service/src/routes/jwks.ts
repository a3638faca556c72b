import { Type } from '@fastify/type-provider-typebox';

import { errorResponses } from '../schemas/common.js';
import type { TypedApp } from './typed-app.js';

const Jwk = Type.Object({
  kty: Type.Literal('OKP'),
  crv: Type.Literal('Ed25519'),
  x: Type.String(),
  kid: Type.String(),
  alg: Type.Literal('EdDSA'),
  use: Type.Literal('sig'),
});

/** GET /.well-known/jwks.json: the previous, current and next public signing keys. */
export function jwksRoutes(app: TypedApp): void {
  const { keyRing } = app.services;

  app.get(
    '/.well-known/jwks.json',
    {
      config: { public: true },
      schema: {
        tags: ['tokens'],
        summary: 'Public keys that verify access tokens (RFC 7517)',
        response: { 200: Type.Object({ keys: Type.Array(Jwk) }), ...errorResponses(429, 503) },
      },
    },
    async (_request, reply) => {
      // Verifiers may cache briefly; the next key is published a whole period before use.
      void reply.header('cache-control', 'public, max-age=300');
      return keyRing.jwks() as { keys: Type.Static<typeof Jwk>[] };
    },
  );
}
