import { describe, expect, it } from 'vitest';

import { keccakImplementations } from '../../../service/src/tron/keccak.js';
import { SeededRandom } from './messages.js';

describe('keccak-256', () => {
  const { openssl, noble } = keccakImplementations;

  it('hashes the empty input to the published keccak-256 value', () => {
    const empty = 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470';

    expect(Buffer.from(noble()).toString('hex')).toBe(empty);
    expect(Buffer.from(openssl()).toString('hex')).toBe(empty);
  });

  it('gives the same digest from OpenSSL and @noble/hashes, whole or in parts', () => {
    const random = new SeededRandom('lucid-keccak');
    for (let i = 0; i < 500; i++) {
      const data = random.bytes(random.below(1_000));
      const cut = random.below(data.length + 1);
      const parts = [data.subarray(0, cut), data.subarray(cut)];

      expect(Buffer.from(openssl(...parts))).toEqual(Buffer.from(noble(data)));
    }
  });
});
