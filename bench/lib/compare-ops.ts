/** One side of an in-process comparison: `run(i)` performs operation number i. */
export interface Contender {
  name: string;
  run: (i: number) => unknown;
}

/** How long a comparison runs. */
export interface CompareOptions {
  /** Measured rounds; each contender runs once per round. */
  rounds: number;
  /** Milliseconds each contender runs per round. */
  roundMs: number;
}

// Operations between clock reads, so reading the clock costs nothing measurable.
const BATCH = 16;

function opsPerSecond(contender: Contender, ms: number, start: number): number {
  let done = 0;
  const began = process.hrtime.bigint();
  const until = began + BigInt(Math.round(ms * 1e6));
  let now = began;
  while (now < until) {
    for (let k = 0; k < BATCH; k++) contender.run(start + done + k);
    done += BATCH;
    now = process.hrtime.bigint();
  }
  return done / (Number(now - began) / 1e9);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Runs the contenders in turns, round after round, rotating who goes first, and returns
 * each one's median operations per second. Turns interleave so that load from elsewhere on
 * the machine falls on every side alike; a first, unmeasured round warms the JIT.
 */
export function compareOps(
  contenders: readonly Contender[],
  options: CompareOptions,
): Map<string, number> {
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (const contender of contenders) opsPerSecond(contender, options.roundMs, 0);

  for (let round = 0; round < options.rounds; round++) {
    for (let turn = 0; turn < contenders.length; turn++) {
      const contender = contenders[(round + turn) % contenders.length]!;
      samples.get(contender.name)!.push(opsPerSecond(contender, options.roundMs, round * 7919));
    }
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}
