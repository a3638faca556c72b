import type { FastifyInstance } from 'fastify';

import { USERS_COLLECTION } from '../../../../service/src/accounts/account-store.js';
import type { Role } from '../../../../service/src/rbac/roles.js';
import { signIn, TestWallet, type Tokens } from '../../helpers/wallet.js';

/** A signed-in account of a given role. */
export interface TestAccount {
  id: string;
  wallet: TestWallet;
  tokens: Tokens;
  headers: { authorization: string };
}

/** The Authorization header for a token pair. */
export function bearer(tokens: Pick<Tokens, 'accessToken'>): { authorization: string } {
  return { authorization: `Bearer ${tokens.accessToken}` };
}

/**
 * Registers a new wallet and, for roles above USER, sets the role in the database (test
 * setup, not the role-change route) and signs in again so the access token carries it.
 */
export async function accountWithRole(app: FastifyInstance, role: Role): Promise<TestAccount> {
  const wallet = new TestWallet();
  let tokens = await signIn(app, wallet, 'register');
  const id = tokens.user.id;

  if (role !== 'USER') {
    await app.services.mongo.db
      .collection<{ _id: string; role: Role }>(USERS_COLLECTION)
      .updateOne({ _id: id }, { $set: { role } });
    tokens = await signIn(app, wallet, 'login');
  }
  return { id, wallet, tokens, headers: bearer(tokens) };
}
