import type { JsonClient } from './json-client.js';
import type { Wallet } from './wallet.js';

/** What sign-in and refresh return (the fields the bench and fault tests use). */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  user: { id: string; address: string; role: string };
}

/** A sign-in step that did not answer 200. */
export class FlowError extends Error {
  constructor(
    readonly step: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${step} answered ${status}: ${JSON.stringify(body)}`);
  }
}

/** Asks for a challenge, signs it and sends it to register or login; returns the tokens. */
export async function signIn(
  client: JsonClient,
  wallet: Wallet,
  flow: 'register' | 'login',
): Promise<Tokens> {
  const challenge = await client.send<{ message: string }>('POST', '/api/v1/auth/challenge', {
    address: wallet.address.base58,
  });
  if (challenge.status !== 200) throw new FlowError('challenge', challenge.status, challenge.body);

  const message = challenge.body.message;
  const reply = await client.send<Tokens>('POST', `/api/v1/auth/${flow}`, {
    message,
    signature: wallet.sign(message),
  });
  if (reply.status !== 200) throw new FlowError(flow, reply.status, reply.body);
  return reply.body;
}

/** Trades a refresh token for a new pair. */
export async function refresh(client: JsonClient, refreshToken: string): Promise<Tokens> {
  const reply = await client.send<Tokens>('POST', '/api/v1/auth/refresh', { refreshToken });
  if (reply.status !== 200) throw new FlowError('refresh', reply.status, reply.body);
  return reply.body;
}
