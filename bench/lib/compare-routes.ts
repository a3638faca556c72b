import { assertClean, runLoad, type LoadResult } from './http-load.js';
import type { BenchSizes } from '../sizes.js';

/** A URL to load, with the headers each request carries. */
export interface Target {
  label: string;
  url: string;
  headers?: Record<string, string>;
}

/** The better run of each side at one concurrency. */
export interface RoutePair {
  connections: number;
  ours: LoadResult;
  bare: LoadResult;
}

function better(a: LoadResult | undefined, b: LoadResult): LoadResult {
  return a && a.requestsPerSecond >= b.requestsPerSecond ? a : b;
}

/**
 * Loads both targets back to back at the same concurrency, `rounds` times, swapping which
 * goes first each round, and keeps each side's better run: the one least disturbed by
 * whatever else the machine was doing. Any error or non-2xx answer fails the comparison.
 */
export async function compareRoutes(
  ours: Target,
  bare: Target,
  connections: number,
  sizes: BenchSizes['http'],
): Promise<RoutePair> {
  let bestOurs: LoadResult | undefined;
  let bestBare: LoadResult | undefined;

  for (let round = 0; round < sizes.rounds; round++) {
    const order = round % 2 === 0 ? [bare, ours] : [ours, bare];
    for (const target of order) {
      const result = await runLoad({
        url: target.url,
        headers: target.headers,
        connections,
        seconds: sizes.seconds,
        amount: sizes.amount,
      });
      assertClean(`${target.label} at ${connections} connections`, result);
      if (target === ours) bestOurs = better(bestOurs, result);
      else bestBare = better(bestBare, result);
    }
  }
  return { connections, ours: bestOurs!, bare: bestBare! };
}
