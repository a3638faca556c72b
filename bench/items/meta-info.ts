import { compareRoutes } from '../lib/compare-routes.js';
import { measured, round, type Figure } from '../report.js';
import type { BenchSizes } from '../sizes.js';

/** Where the meta-info comparison sends its load. */
export interface MetaInfoTargets {
  serviceUrl: string;
  servicePid: number;
  bareUrl: string;
  barePid: number;
}

export const META_INFO_PATH = '/api/v1/meta/info';

/**
 * `GET /api/v1/meta/info` against a bare Fastify route returning the same JSON, at each
 * configured concurrency: what the service's hooks (request id, metrics, logging, rate
 * limit, authentication check) cost on a public route.
 */
export async function metaInfoFigures(
  targets: MetaInfoTargets,
  sizes: BenchSizes['http'],
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const connections of sizes.concurrencies) {
    const pair = await compareRoutes(
      {
        label: 'service meta/info',
        url: targets.serviceUrl + META_INFO_PATH,
        pid: targets.servicePid,
      },
      { label: 'bare meta/info', url: targets.bareUrl + META_INFO_PATH, pid: targets.barePid },
      connections,
      sizes,
    );
    figures.push(
      measured({
        name: `meta-info.c${connections}`,
        title: `GET /api/v1/meta/info vs bare Fastify, ${connections} connections`,
        unit: 'req/s',
        value: round(pair.ours.requestsPerSecond),
        baseline: { name: 'bare Fastify route', value: round(pair.bare.requestsPerSecond) },
        goal: { on: 'ratio', op: '>=', target: 0.8, text: 'at least 0.8 of bare' },
        details: {
          connections,
          requests: pair.ours.total,
          oursCpuMicrosPerRequest: round(pair.ours.cpuMicrosPerRequest),
          bareCpuMicrosPerRequest: round(pair.bare.cpuMicrosPerRequest),
          secondsPerRun: sizes.amount ? 0 : sizes.seconds,
          rounds: sizes.rounds,
        },
      }),
    );
  }
  return figures;
}
