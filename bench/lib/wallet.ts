import { randomBytes } from 'node:crypto';

import secp256k1 from 'secp256k1';

import { addressFromPublicKey, type TronAddress } from '../../service/src/tron/address.js';
import { hashMessageV2 } from '../../service/src/tron/tip191.js';

/** A TRON key pair that signs like TronLink's signMessageV2, for load and fault clients. */
export interface Wallet {
  privateKey: Uint8Array;
  address: TronAddress;
  /** The 65-byte TIP-191 V2 signature of `message` as hex, with v as 27 or 28. */
  sign(message: string): string;
}

/** A fresh random wallet. */
export function createWallet(): Wallet {
  let privateKey: Uint8Array;
  do privateKey = randomBytes(32);
  while (!secp256k1.privateKeyVerify(privateKey));

  const address = addressFromPublicKey(secp256k1.publicKeyCreate(privateKey, false));
  return {
    privateKey,
    address,
    sign: (message) => signMessageV2(privateKey, message),
  };
}

/** Signs `message` with TIP-191 V2 using native libsecp256k1 (RFC 6979 nonces). */
export function signMessageV2(privateKey: Uint8Array, message: string): string {
  const { signature, recid } = secp256k1.ecdsaSign(hashMessageV2(message), privateKey);
  return Buffer.concat([signature, Buffer.of(27 + recid)]).toString('hex');
}
