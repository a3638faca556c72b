import { addressFromPublicKey, type TronAddress } from './address.js';
import { keccak256 } from './keccak.js';
import type { RecoveryBackend } from './recovery-backend.js';

const PREFIX = new TextEncoder().encode('\x19TRON Signed Message:\n');
const encoder = new TextEncoder();

/**
 * The TIP-191 (signMessageV2) digest: keccak256 of the prefix, the message's byte length in
 * decimal, and the UTF-8 message, as TronLink and Ledger's TRON app compute it.
 */
export function hashMessageV2(message: string | Uint8Array): Uint8Array {
  const body = typeof message === 'string' ? encoder.encode(message) : message;
  return keccak256(PREFIX, encoder.encode(String(body.length)), body);
}

const SIGNATURE_HEX = /^(?:0x)?[0-9a-fA-F]{130}$/;

// With the u flag a surrogate pair is one code point, so this finds only lone halves.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Splits a 65-byte hex signature (r, s, v) into the compact part and recovery id, or returns
 * undefined. Only v in {0, 1, 27, 28} is accepted, and, as ethers (hence tronweb) does, an s
 * with its top bit set is refused as non-canonical.
 */
export function parseSignature(
  hex: string,
): { compact: Uint8Array; recoveryId: 0 | 1 } | undefined {
  if (!SIGNATURE_HEX.test(hex)) return undefined;

  const bytes = Buffer.from(hex.startsWith('0x') ? hex.slice(2) : hex, 'hex');
  const v = bytes[64]!;
  if (v !== 0 && v !== 1 && v !== 27 && v !== 28) return undefined;
  if ((bytes[32]! & 0x80) !== 0) return undefined;

  return { compact: bytes.subarray(0, 64), recoveryId: v === 0 || v === 27 ? 0 : 1 };
}

/**
 * The address that signed `message` with TIP-191 V2, or undefined when the signature is
 * malformed or recovers no key. Any well-formed signature recovers some address; callers
 * compare it with the one they expect.
 */
export function recoverSigner(
  backend: RecoveryBackend,
  message: string | Uint8Array,
  signatureHex: string,
): TronAddress | undefined {
  const signature = parseSignature(signatureHex);
  if (!signature) return undefined;
  // Text that is not valid Unicode has no UTF-8 form a wallet could have signed (tronweb
  // throws on it too); refusing beats signing-over-replacement-characters.
  if (typeof message === 'string' && LONE_SURROGATE.test(message)) return undefined;

  const publicKey = backend.recover(
    signature.compact,
    signature.recoveryId,
    hashMessageV2(message),
  );
  return publicKey ? addressFromPublicKey(publicKey) : undefined;
}
