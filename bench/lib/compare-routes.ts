import { assertClean, runLoad, type LoadResult } from './http-load.js';
import { cpuSeconds } from './process-cpu.js';
import type { BenchSizes } from '../sizes.js';

/** A URL to load, with the headers each request carries and the server's process id. */
export interface Target {
  label: string;
  url: string;
  pid: number;
  headers?: Record<string, string>;
}

/** A run, with the CPU the server process spent per request (µs), which noise hardly moves. */
export type ServerRun = LoadResult & { cpuMicrosPerRequest: number };

/** The better run of each side at one concurrency. */
export interface RoutePair {
  connections: number;
  ours: ServerRun;
  bare: ServerRun;
}

function better(a: ServerRun | undefined, b: ServerRun): ServerRun {
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
  let bestOurs: ServerRun | undefined;
  let bestBare: ServerRun | undefined;

  for (let round = 0; round < sizes.rounds; round++) {
    const order = round % 2 === 0 ? [bare, ours] : [ours, bare];
    for (const target of order) {
      const cpuBefore = cpuSeconds(target.pid);
      const load = await runLoad({
        url: target.url,
        headers: target.headers,
        connections,
        seconds: sizes.seconds,
        amount: sizes.amount,
      });
      assertClean(`${target.label} at ${connections} connections`, load);
      const cpu = cpuSeconds(target.pid) - cpuBefore;
      const result = { ...load, cpuMicrosPerRequest: (cpu / Math.max(load.total, 1)) * 1e6 };
      if (target === ours) bestOurs = better(bestOurs, result);
      else bestBare = better(bestBare, result);
    }
  }
  return { connections, ours: bestOurs!, bare: bestBare! };
}
