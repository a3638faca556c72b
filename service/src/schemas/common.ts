import { Type, type TStringOptions } from '@fastify/type-provider-typebox';

import { ERRORS } from '../errors/catalogue.js';

/** The body of every error response. */
export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer({ minimum: 400, maximum: 599 }),
    code: Type.Union(Object.keys(ERRORS).map((code) => Type.Literal(code))),
    error: Type.String(),
    message: Type.String(),
  },
  { $id: 'ErrorResponse', description: 'Error: a stable code, its HTTP status and a message' },
);

/**
 * A string or null, as one JSON Schema type array (valid in OpenAPI 3.1). fast-json-stringify
 * writes a type array by checking the value's type; for `anyOf: [string, null]` it runs ajv
 * against each branch on every response, about 2% of an authenticated request's CPU.
 */
export const NullableString = (options: TStringOptions = {}) =>
  Type.Unsafe<string | null>({ ...options, type: ['string', 'null'] });

/** Response schemas for the given error statuses, all with the error body. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorResponse> {
  return Object.fromEntries(statuses.map((status) => [status, ErrorResponse]));
}

/** A TRON base58check address. */
export const TronAddressString = Type.String({
  pattern: '^T[1-9A-HJ-NP-Za-km-z]{33}$',
  description: 'TRON address in base58check form',
  examples: ['TJCnKsPa7y5okkXvQAidZBzqx3QyQ6sxMW'],
});

/** A 65-byte signature (r, s, v) in hex, with or without 0x. */
export const SignatureHex = Type.String({
  pattern: '^(0x)?[0-9a-fA-F]{130}$',
  description: 'TIP-191 signature: 65 bytes hex (r, s, v with v in 0, 1, 27, 28)',
});
