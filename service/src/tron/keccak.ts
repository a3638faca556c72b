import { createHash, getHashes } from 'node:crypto';

import { keccak_256 } from '@noble/hashes/sha3.js';

/** Keccak-256 (the pre-standard SHA-3 padding Ethereum and TRON use) over several parts. */
export type Keccak256 = (...parts: Uint8Array[]) => Uint8Array;

// OpenSSL 3.2 and later (so Node 24's own build) implements keccak-256, several times
// faster than any JavaScript; a Node linked to an older system OpenSSL gets @noble/hashes.
const openssl: Keccak256 = (...parts) => {
  const hash = createHash('keccak-256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

const noble: Keccak256 = (...parts) => {
  const hash = keccak_256.create();
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** The fastest keccak-256 this process has. */
export const keccak256: Keccak256 = getHashes().includes('keccak-256') ? openssl : noble;

/** Both implementations, so tests can check they agree. */
export const keccakImplementations = { openssl, noble };
