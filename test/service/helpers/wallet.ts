import { randomBytes } from 'node:crypto';

import secp256k1 from 'secp256k1';
import type { FastifyInstance } from 'fastify';

import { addressFromPublicKey } from '../../../service/src/tron/address.js';
import { hashMessageV2 } from '../../../service/src/tron/tip191.js';

/** A throwaway TRON key pair that signs the way TronLink's signMessageV2 does. */
export class TestWallet {
  readonly privateKey: Uint8Array;
  readonly address: string;

  constructor(privateKey?: Uint8Array) {
    let key = privateKey ?? randomBytes(32);
    while (!secp256k1.privateKeyVerify(key)) key = randomBytes(32);
    this.privateKey = key;
    this.address = addressFromPublicKey(secp256k1.publicKeyCreate(key, false)).base58;
  }

  /** A 65-byte TIP-191 signature in hex with 0x, v as 27/28 (or 0/1 when `rawV`). */
  sign(message: string | Uint8Array, rawV = false): string {
    const { signature, recid } = secp256k1.ecdsaSign(hashMessageV2(message), this.privateKey);
    const v = rawV ? recid : recid + 27;
    return `0x${Buffer.from(signature).toString('hex')}${v.toString(16).padStart(2, '0')}`;
  }
}

/** The body of a sign-in success. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshExpiresIn: number;
  sessionId: string;
  user: { id: string; address: string; role: string };
}

/** Asks for a challenge for the wallet and returns its message text. */
export async function challengeFor(app: FastifyInstance, wallet: TestWallet): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/challenge',
    payload: { address: wallet.address },
  });
  if (response.statusCode !== 200) throw new Error(`challenge failed: ${response.body}`);
  return response.json<{ message: string }>().message;
}

/** Runs challenge then register (or login) through HTTP and returns the tokens. */
export async function signIn(
  app: FastifyInstance,
  wallet: TestWallet,
  flow: 'register' | 'login' = 'register',
): Promise<Tokens> {
  const message = await challengeFor(app, wallet);
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/auth/${flow}`,
    payload: { message, signature: wallet.sign(message) },
  });
  if (response.statusCode !== 200) throw new Error(`${flow} failed: ${response.body}`);
  return response.json();
}
