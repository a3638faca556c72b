import autocannon from 'autocannon';

/** One autocannon run against one URL. */
export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds to run; ignored when `amount` is set. */
  seconds: number;
  /** Stop after this many requests instead of after `seconds`. */
  amount?: number;
  headers?: Record<string, string>;
  /** Requests per second across all connections; unset means as fast as possible. */
  overallRate?: number;
  /** Keep every response time (float milliseconds) for exact percentiles. */
  latencies?: boolean;
}

/** What a run measured. */
export interface LoadResult {
  requestsPerSecond: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Percentiles in milliseconds from the recorded response times, when kept. */
  p50Ms?: number;
  p99Ms?: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

/**
 * Runs autocannon once. Its own latency histogram keeps whole milliseconds, too coarse for
 * routes that answer in a fraction of one, so response times come from its per-response
 * event (measured with hrtime) when asked for.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        ...(options.amount ? { amount: options.amount } : {}),
        ...(options.overallRate ? { overallRate: options.overallRate } : {}),
        headers: options.headers ?? {},
        timeout: 10,
      },
      (error, done) => (error ? reject(error as Error) : resolve(done)),
    );
    if (options.latencies) {
      instance.on('response', (_client, _status, _bytes, responseTime) => {
        times.push(responseTime);
      });
    }
  });

  times.sort((a, b) => a - b);
  return {
    requestsPerSecond: result.requests.total / Math.max(result.duration, 1e-3),
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    ...(options.latencies ? { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) } : {}),
  };
}

/** Throws when a run got errors or non-2xx answers, which would make its figure meaningless. */
export function assertClean(label: string, result: LoadResult): void {
  if (result.non2xx === 0 && result.errors === 0 && result.timeouts === 0) return;
  throw new Error(
    `${label}: ${result.non2xx} non-2xx, ${result.errors} errors, ` +
      `${result.timeouts} timeouts out of ${result.total} requests`,
  );
}
