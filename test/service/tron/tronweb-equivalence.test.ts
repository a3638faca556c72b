import { beforeAll, describe, expect, it } from 'vitest';
import secp256k1 from 'secp256k1';
import { Trx } from 'tronweb';

import {
  loadRecoveryBackend,
  type RecoveryBackend,
} from '../../../service/src/tron/recovery-backend.js';
import { addressFromPublicKey } from '../../../service/src/tron/address.js';
import { hashMessageV2, recoverSigner } from '../../../service/src/tron/tip191.js';
import { MESSAGE_KINDS, SeededRandom, randomMessage } from './messages.js';
import { tronwebVerifyAll, type SignedInput } from './tronweb-pool.js';

const CASES = 10_000;
const TAMPERED = 2_000;
// The WebAssembly fallback is checked on every tenth case; native on all of them.
const WASM_EVERY = 10;

interface Case extends SignedInput {
  address: string;
}

function ours(backend: RecoveryBackend, { message, signature }: SignedInput): string {
  return recoverSigner(backend, message, signature)?.base58 ?? 'refused';
}

// Signing uses native libsecp256k1 (tronweb's pure-JS signing would take minutes for 10,000);
// every signature is then checked by tronweb, so the verdict never rests on our code alone.
function makeCases(random: SeededRandom): Case[] {
  return Array.from({ length: CASES }, (_, i) => {
    let key = random.bytes(32);
    while (!secp256k1.privateKeyVerify(key)) key = random.bytes(32);
    const message = randomMessage(random, MESSAGE_KINDS[i % MESSAGE_KINDS.length]!);
    const { signature, recid } = secp256k1.ecdsaSign(hashMessageV2(message), key);
    // Alternate the two spellings of v: 27/28 (TronLink) and 0/1 (raw recovery id).
    const v = i % 2 === 0 ? recid + 27 : recid;
    const hex = `${Buffer.from(signature).toString('hex')}${v.toString(16).padStart(2, '0')}`;
    const address = addressFromPublicKey(secp256k1.publicKeyCreate(key, false)).base58;
    return { message, signature: i % 3 === 0 ? hex : `0x${hex}`, address };
  });
}

function flipNibble(random: SeededRandom, hex: string, from: number, span: number): string {
  const at = from + random.below(span);
  const flipped = (parseInt(hex[at]!, 16) ^ (1 + random.below(15))).toString(16);
  return hex.slice(0, at) + flipped + hex.slice(at + 1);
}

// One of five tamperings per case: the message, r, s, the recovery id, or invalid UTF-16.
function tamper(random: SeededRandom, item: Case, i: number): SignedInput {
  const raw = item.signature.replace(/^0x/, '');
  switch (i % 5) {
    case 0:
      return { message: `${item.message}.`, signature: item.signature };
    case 1:
      return { message: item.message, signature: flipNibble(random, raw, 0, 64) };
    case 2:
      return { message: item.message, signature: flipNibble(random, raw, 64, 64) };
    case 3: {
      const v = parseInt(raw.slice(128), 16);
      const other = v === 0 || v === 1 ? v ^ 1 : v === 27 ? 28 : 27;
      return { message: item.message, signature: raw.slice(0, 128) + other.toString(16) };
    }
    default:
      return { message: `${item.message}\uD800`, signature: item.signature };
  }
}

describe('TIP-191 recovery against tronweb verifyMessageV2', () => {
  let native: RecoveryBackend;
  let wasm: RecoveryBackend;
  let cases: Case[];
  let tampered: SignedInput[];
  let reference: string[];

  beforeAll(async () => {
    native = await loadRecoveryBackend('native');
    wasm = await loadRecoveryBackend('wasm');
    cases = makeCases(new SeededRandom('lucid-tip191-equivalence'));
    const random = new SeededRandom('lucid-tip191-tampering');
    tampered = cases.slice(0, TAMPERED).map((item, i) => tamper(random, item, i));
    reference = await tronwebVerifyAll([...cases, ...tampered]);
  }, 180_000);

  it(`recovers the same address as tronweb for ${CASES} random keys and messages`, () => {
    const mismatches = cases.flatMap((item, i) => {
      const expected = reference[i];
      const wrong =
        expected !== item.address ||
        ours(native, item) !== expected ||
        (i % WASM_EVERY === 0 && ours(wasm, item) !== expected);
      return wrong ? [{ ...item, expected }] : [];
    });

    expect(mismatches).toEqual([]);
  });

  it('fails alike with tronweb on tampered messages and signatures', () => {
    const results = tampered.map((item, i) => ({
      expected: reference[CASES + i],
      native: ours(native, item),
      wasm: ours(wasm, item),
      signer: cases[i]!.address,
    }));

    expect(results.filter((r) => r.native !== r.expected || r.wasm !== r.expected)).toEqual([]);
    expect(results.filter((r) => r.native === r.signer)).toEqual([]);
  });

  it('recovers signatures made by tronweb signMessageV2 itself', () => {
    const random = new SeededRandom('lucid-tip191-tronweb-signed');
    const results = Array.from({ length: 20 }, (_, i) => {
      const key = random.bytes(32).toString('hex');
      const message = randomMessage(random, MESSAGE_KINDS[i % MESSAGE_KINDS.length]!);
      const signature = Trx.signMessageV2(message, key);
      const expected = Trx.verifyMessageV2(message, signature);
      return { expected, actual: ours(native, { message, signature }) };
    });

    expect(results.filter((r) => r.actual !== r.expected)).toEqual([]);
  });
});
