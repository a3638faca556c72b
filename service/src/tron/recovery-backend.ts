import { createRequire } from 'node:module';

/** Recovers an uncompressed (65-byte) public key, or null when the signature is invalid. */
export type RecoverFn = (
  signature64: Uint8Array,
  recoveryId: 0 | 1,
  hash32: Uint8Array,
) => Uint8Array | null;

/** A secp256k1 implementation that can recover public keys from signatures. */
export interface RecoveryBackend {
  kind: 'native' | 'wasm';
  recover: RecoverFn;
  /** Why the native addon did not load, when kind is wasm. */
  fallbackReason?: string;
}

interface NativeSecp256k1 {
  ecdsaRecover(sig: Uint8Array, recid: number, msg32: Uint8Array, compressed: boolean): Uint8Array;
}

// The secp256k1 package's index silently swaps in pure-JS elliptic when the addon fails to
// load; requiring its bindings module directly surfaces the failure so we can say so.
function loadNative(): RecoveryBackend {
  const require = createRequire(import.meta.url);
  const native = require('secp256k1/bindings.js') as NativeSecp256k1;
  return {
    kind: 'native',
    recover(signature64, recoveryId, hash32) {
      try {
        return native.ecdsaRecover(signature64, recoveryId, hash32, false);
      } catch {
        return null;
      }
    },
  };
}

async function loadWasm(fallbackReason?: string): Promise<RecoveryBackend> {
  const tiny = await import('tiny-secp256k1');
  return {
    kind: 'wasm',
    fallbackReason,
    recover(signature64, recoveryId, hash32) {
      try {
        return tiny.recover(hash32, signature64, recoveryId, false);
      } catch {
        return null;
      }
    },
  };
}

let shared: Promise<RecoveryBackend> | undefined;

/**
 * Loads native libsecp256k1, or the WebAssembly build of it when the addon cannot load
 * (missing prebuild, no compiler at install). `prefer` forces one, for tests and benchmarks.
 */
export function loadRecoveryBackend(prefer?: 'native' | 'wasm'): Promise<RecoveryBackend> {
  if (prefer === 'wasm') return loadWasm();
  if (prefer === 'native') return Promise.resolve(loadNative());

  shared ??= (async () => {
    try {
      return loadNative();
    } catch (error) {
      return loadWasm(error instanceof Error ? error.message : String(error));
    }
  })();
  return shared;
}
