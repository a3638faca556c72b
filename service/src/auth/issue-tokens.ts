import type { Static } from '@fastify/type-provider-typebox';

import type { AccountRecord } from '../accounts/account-store.js';
import type { TokenResponse } from '../schemas/auth.js';
import type { AccessTokens } from '../tokens/access-tokens.js';

/** Builds the token response for an account's session. */
export async function tokenResponse(
  accessTokens: AccessTokens,
  account: AccountRecord,
  session: { sessionId: string; refreshToken: string; refreshExpiresIn: number },
): Promise<Static<typeof TokenResponse>> {
  const access = await accessTokens.issue({
    userId: account._id,
    address: account.address,
    role: account.role,
    sessionId: session.sessionId,
  });
  return {
    accessToken: access.token,
    refreshToken: session.refreshToken,
    tokenType: 'Bearer',
    expiresIn: access.expiresIn,
    refreshExpiresIn: session.refreshExpiresIn,
    sessionId: session.sessionId,
    user: { id: account._id, address: account.address, role: account.role },
  };
}
