import { Type } from '@fastify/type-provider-typebox';

import { ROLES, type Role } from '../rbac/roles.js';
import { REFRESH_TOKEN_PATTERN } from '../sessions/sessions.js';
import { SignatureHex, TronAddressString } from './common.js';

/** POST /auth/challenge body. */
export const ChallengeRequest = Type.Object(
  { address: TronAddressString },
  { additionalProperties: false },
);

/** A sign-in challenge: the exact text to sign, and its parts. */
export const ChallengeResponse = Type.Object({
  message: Type.String({ description: 'The CAIP-122 text to sign, byte for byte' }),
  address: Type.String(),
  domain: Type.String(),
  uri: Type.String(),
  chainId: Type.String({ examples: ['tron:728126428'] }),
  nonce: Type.String(),
  issuedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

/** A message and its TIP-191 signature. */
export const SignedMessage = Type.Object(
  {
    message: Type.String({ minLength: 1, maxLength: 2048 }),
    signature: SignatureHex,
  },
  { additionalProperties: false },
);

/** POST /auth/verify-tron-signature body: any message, not only our challenges. */
export const VerifySignatureRequest = Type.Object(
  {
    message: Type.String({ maxLength: 8192 }),
    signature: SignatureHex,
  },
  { additionalProperties: false },
);

/** The address a signature recovers to. */
export const VerifySignatureResponse = Type.Object({
  address: Type.String({ description: 'Base58check address of the signer' }),
  addressHex: Type.String({ description: '41-prefixed hex address of the signer' }),
});

/** The account a token pair was issued to. */
export const AccountSummary = Type.Object({
  id: Type.String(),
  address: Type.String(),
  role: Type.Unsafe<Role>({ type: 'string', enum: [...ROLES] }),
});

/** Tokens issued at sign-in and refresh. */
export const TokenResponse = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: 'Access token lifetime in seconds' }),
  refreshExpiresIn: Type.Integer({ description: 'Refresh token lifetime in seconds' }),
  sessionId: Type.String(),
  user: AccountSummary,
});

/** POST /auth/refresh body. */
export const RefreshRequest = Type.Object(
  { refreshToken: Type.String({ pattern: REFRESH_TOKEN_PATTERN }) },
  { additionalProperties: false },
);
