import { createHash } from 'node:crypto';

import { createBase58check } from '@scure/base';

import { keccak256 } from './keccak.js';

/** The version byte TRON puts in front of every 20-byte account id. */
const TRON_PREFIX = 0x41;

const sha256 = (data: Uint8Array): Uint8Array => createHash('sha256').update(data).digest();
const base58check = createBase58check(sha256);

/** A TRON address in both of its spellings. */
export interface TronAddress {
  /** Base58check form, starting with T (what wallets show). */
  base58: string;
  /** Hex form: 41 followed by the 20-byte account id, lowercase, no 0x. */
  hex: string;
}

/**
 * The address of an uncompressed secp256k1 public key (65 bytes, 0x04 first): the last
 * 20 bytes of keccak256 over the 64 coordinate bytes, behind TRON's 0x41 prefix.
 */
export function addressFromPublicKey(publicKey: Uint8Array): TronAddress {
  const digest = keccak256(publicKey.subarray(1));
  const raw = new Uint8Array(21);
  raw[0] = TRON_PREFIX;
  raw.set(digest.subarray(12), 1);
  return { base58: base58check.encode(raw), hex: Buffer.from(raw).toString('hex') };
}

/**
 * Decodes a base58check TRON address, or returns undefined when the text is not one (bad
 * alphabet, wrong checksum, wrong length or prefix).
 */
export function parseTronAddress(text: string): TronAddress | undefined {
  if (text.length !== 34 || text[0] !== 'T') return undefined;

  let raw: Uint8Array;
  try {
    raw = base58check.decode(text);
  } catch {
    return undefined;
  }
  if (raw.length !== 21 || raw[0] !== TRON_PREFIX) return undefined;

  return { base58: text, hex: Buffer.from(raw).toString('hex') };
}

/** True when the text is a valid base58check TRON address. */
export function isTronAddress(text: string): boolean {
  return parseTronAddress(text) !== undefined;
}
