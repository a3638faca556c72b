import { createHash } from 'node:crypto';

/**
 * A reproducible pseudo-random stream (mulberry32, seeded from SHA-256 of a seed string):
 * fast enough to draw millions of code points, and a failure replays exactly. Not for keys
 * that guard anything; here it only has to be varied.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: string) {
    this.state = createHash('sha256').update(seed).digest().readUInt32BE(0);
  }

  private next32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** `count` pseudo-random bytes. */
  bytes(count: number): Buffer {
    const out = Buffer.alloc(count);
    for (let i = 0; i < count; i += 4) {
      const word = this.next32();
      for (let j = 0; j < 4 && i + j < count; j++) out[i + j] = (word >>> (j * 8)) & 0xff;
    }
    return out;
  }

  /** An integer in [0, bound). */
  below(bound: number): number {
    return this.next32() % bound;
  }
}

// Code point ranges people's messages draw from: Latin, accents, Cyrillic, Arabic (RTL),
// CJK, combining marks, and emoji outside the Basic Multilingual Plane.
const RANGES: [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0x17f],
  [0x400, 0x4ff],
  [0x600, 0x6ff],
  [0x4e00, 0x9fff],
  [0x300, 0x36f],
  [0x1f300, 0x1faff],
];

function text(random: SeededRandom, length: number, ranges: [number, number][]): string {
  const points: number[] = [];
  for (let i = 0; i < length; i++) {
    const [low, high] = ranges[random.below(ranges.length)]!;
    points.push(low + random.below(high - low + 1));
  }
  return String.fromCodePoint(...points);
}

/** Message kinds the equivalence test cycles through. */
export const MESSAGE_KINDS = ['empty', 'ascii', 'unicode', 'long', 'multiline'] as const;

/** A message of the given kind. */
export function randomMessage(random: SeededRandom, kind: (typeof MESSAGE_KINDS)[number]): string {
  switch (kind) {
    case 'empty':
      return '';
    case 'ascii':
      return text(random, 1 + random.below(200), [RANGES[0]!]);
    case 'unicode':
      return text(random, 1 + random.below(100), RANGES);
    case 'long':
      return text(random, 1_000 + random.below(3_000), RANGES);
    case 'multiline':
      return Array.from({ length: 2 + random.below(10) }, () =>
        text(random, random.below(60), RANGES),
      ).join('\n');
  }
}
