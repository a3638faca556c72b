import { assertClean, runLoad } from '../lib/http-load.js';
import { compareRoutes, type RoutePair } from '../lib/compare-routes.js';
import { measured, round, type Figure } from '../report.js';
import type { BenchSizes } from '../sizes.js';

/** Where the users/me comparison sends its load, and the token it carries. */
export interface UsersMeTargets {
  serviceUrl: string;
  servicePid: number;
  bareUrl: string;
  barePid: number;
  accessToken: string;
}

export const USERS_ME_PATH = '/api/v1/users/me';

function peak(pairs: RoutePair[], side: 'ours' | 'bare'): RoutePair {
  return pairs.reduce((best, pair) =>
    pair[side].requestsPerSecond > best[side].requestsPerSecond ? pair : best,
  );
}

/**
 * Authenticated `GET /api/v1/users/me` (token verified, session checked, rate limit
 * counted) against a bare route returning the same JSON: peak throughput over the
 * configured concurrencies, then p50/p99 latency at a fixed rate of half our peak.
 */
export async function usersMeFigures(
  targets: UsersMeTargets,
  sizes: Pick<BenchSizes, 'http' | 'latency'>,
): Promise<Figure[]> {
  const ours = {
    label: 'service users/me',
    url: targets.serviceUrl + USERS_ME_PATH,
    pid: targets.servicePid,
    headers: { authorization: `Bearer ${targets.accessToken}` },
  };
  const bare = {
    label: 'bare users/me',
    url: targets.bareUrl + USERS_ME_PATH,
    pid: targets.barePid,
  };

  const pairs: RoutePair[] = [];
  for (const connections of sizes.http.concurrencies) {
    pairs.push(await compareRoutes(ours, bare, connections, sizes.http));
  }
  const oursPeak = peak(pairs, 'ours');
  const barePeak = peak(pairs, 'bare');
  const halfPeak = Math.max(1, Math.round(oursPeak.ours.requestsPerSecond / 2));

  const steady = await runLoad({
    url: ours.url,
    headers: ours.headers,
    connections: sizes.latency.connections,
    seconds: sizes.latency.seconds,
    amount: sizes.latency.amount,
    overallRate: halfPeak,
    latencies: true,
  });
  assertClean('service users/me at half of peak', steady);

  const perConcurrency = Object.fromEntries(
    pairs.flatMap((pair) => [
      [`oursC${pair.connections}`, round(pair.ours.requestsPerSecond)],
      [`bareC${pair.connections}`, round(pair.bare.requestsPerSecond)],
    ]),
  );
  return [
    measured({
      name: 'users-me.peak',
      title: 'Authenticated GET /api/v1/users/me vs bare Fastify, peak throughput',
      unit: 'req/s',
      value: round(oursPeak.ours.requestsPerSecond),
      baseline: { name: 'bare Fastify route', value: round(barePeak.bare.requestsPerSecond) },
      goal: { on: 'ratio', op: '>=', target: 0.5, text: 'at least 0.5 of bare' },
      details: {
        ...perConcurrency,
        oursPeakConnections: oursPeak.connections,
        oursCpuMicrosPerRequest: round(oursPeak.ours.cpuMicrosPerRequest),
        bareCpuMicrosPerRequest: round(barePeak.bare.cpuMicrosPerRequest),
      },
    }),
    measured({
      name: 'users-me.p99-at-half-peak',
      title: 'Authenticated GET /api/v1/users/me, p99 latency at half of its peak rate',
      unit: 'ms',
      value: round(steady.p99Ms!, 2),
      goal: { on: 'value', op: '<', target: 10, text: 'p99 under 10 ms' },
      details: {
        p50Ms: round(steady.p50Ms!, 2),
        targetRate: halfPeak,
        achievedRate: round(steady.requestsPerSecond),
        connections: sizes.latency.connections,
        requests: steady.total,
      },
    }),
  ];
}
