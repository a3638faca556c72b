import { createHash, getHashes, randomBytes } from 'node:crypto';

import { keccak_256 } from '@noble/hashes/sha3.js';
import secp256k1 from 'secp256k1';
import { Trx } from 'tronweb';

import { loadRecoveryBackend } from '../../service/src/tron/recovery-backend.js';
import { recoverSigner } from '../../service/src/tron/tip191.js';
import { compareOps } from '../lib/compare-ops.js';
import { createWallet } from '../lib/wallet.js';
import { measured, round, type Figure } from '../report.js';
import type { BenchSizes } from '../sizes.js';

interface Sample {
  message: string;
  signature: string;
  hex: string;
  base58: string;
}

// Messages shaped like the sign-in text (about 300 bytes, some of it non-ASCII), since its
// length sets the cost of the keccak over it.
function samples(count: number): Sample[] {
  return Array.from({ length: count }, (_, i) => {
    const wallet = createWallet();
    const message =
      `auth.lucid.test wants you to sign in with your TRON account:\n${wallet.address.base58}\n\n` +
      `Sign in to Lucid — ${i}\n\nURI: https://auth.lucid.test\nVersion: 1\n` +
      `Chain ID: tron:728126428\nNonce: ${randomBytes(12).toString('hex')}\n` +
      `Issued At: ${new Date().toISOString()}`;
    return { message, signature: wallet.sign(message), ...wallet.address };
  });
}

// OpenSSL 3.2 and later (Node 24) has keccak-256 built in, several times faster than any
// JavaScript keccak; the raw side uses the fastest keccak the process has.
const nativeKeccak = getHashes().includes('keccak-256');
const keccak = nativeKeccak
  ? (data: Uint8Array) => createHash('keccak-256').update(data).digest()
  : keccak_256;
const TIP191_PREFIX = Buffer.from('\x19TRON Signed Message:\n');

// The least work that recovers a TRON account id: digest, native recovery, keccak of the key.
function rawRecover(sample: Sample): Uint8Array {
  const body = Buffer.from(sample.message);
  const digest = keccak(Buffer.concat([TIP191_PREFIX, Buffer.from(String(body.length)), body]));
  const signature = Buffer.from(sample.signature, 'hex');
  const publicKey = secp256k1.ecdsaRecover(
    signature.subarray(0, 64),
    signature[64]! - 27,
    digest,
    false,
  );
  return keccak(publicKey.subarray(1)).subarray(12);
}

/**
 * TRON signature recovery, one core: ours (native libsecp256k1, returning both address
 * forms) against tronweb's verifyMessageV2 and against the bare native recovery. Every side
 * is first checked to recover the right address from every sample.
 */
export async function recoveryFigures(sizes: BenchSizes['recovery']): Promise<Figure[]> {
  const native = await loadRecoveryBackend('native');
  const wasm = await loadRecoveryBackend('wasm');
  const data = samples(sizes.signatures);

  for (const sample of data) {
    const ours = recoverSigner(native, sample.message, sample.signature)?.base58;
    const theirs = Trx.verifyMessageV2(sample.message, sample.signature);
    const raw = Buffer.from(rawRecover(sample)).toString('hex');
    if (ours !== sample.base58 || theirs !== sample.base58 || `41${raw}` !== sample.hex) {
      throw new Error(`recovery sides disagree on the signer of sample ${sample.base58}`);
    }
  }

  const pick = (i: number) => data[i % data.length]!;
  const ops = compareOps(
    [
      { name: 'ours', run: (i) => recoverSigner(native, pick(i).message, pick(i).signature) },
      { name: 'tronweb', run: (i) => Trx.verifyMessageV2(pick(i).message, pick(i).signature) },
      { name: 'raw', run: (i) => rawRecover(pick(i)) },
      { name: 'wasm', run: (i) => recoverSigner(wasm, pick(i).message, pick(i).signature) },
    ],
    sizes,
  );

  const ours = round(ops.get('ours')!);
  const details = {
    signatures: data.length,
    rounds: sizes.rounds,
    roundMs: sizes.roundMs,
    rawKeccak: nativeKeccak ? 'node:crypto keccak-256 (OpenSSL)' : '@noble/hashes keccak_256',
  };
  return [
    measured({
      name: 'recovery.vs-tronweb',
      title: "TRON signature recovery vs tronweb's verifyMessageV2 (one core)",
      unit: 'ops/s',
      value: ours,
      baseline: { name: 'tronweb Trx.verifyMessageV2', value: round(ops.get('tronweb')!) },
      goal: { on: 'ratio', op: '>=', target: 20, text: 'at least 20 times tronweb' },
      details,
    }),
    measured({
      name: 'recovery.vs-raw',
      title: 'TRON signature recovery vs raw libsecp256k1 ecdsaRecover + keccak (one core)',
      unit: 'ops/s',
      value: ours,
      baseline: { name: 'secp256k1 ecdsaRecover + keccak-256', value: round(ops.get('raw')!) },
      goal: { on: 'ratio', op: '>=', target: 0.7, text: 'at least 0.7 of raw' },
      details,
    }),
    measured({
      name: 'recovery.wasm-fallback',
      title: 'Fallback recovery (tiny-secp256k1 WebAssembly) vs ours native (one core)',
      unit: 'ops/s',
      value: round(ops.get('wasm')!),
      baseline: { name: 'ours, native libsecp256k1', value: ours },
      details,
    }),
  ];
}
