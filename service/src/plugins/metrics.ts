import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';

import { RequestSeries } from './request-series.js';
import { routeOf } from './route-info.js';

// Seconds; from a cached token's answer (under a millisecond) to a slow database write.
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** The service's Prometheus metrics, one registry per app so test instances do not mix. */
export interface Metrics {
  registry: Registry;
  /** Every response by route, method and status: a request counter and a latency histogram. */
  requests: RequestSeries;
  /** Sign-in attempts by flow (login, register) and outcome (success, failure). */
  signIns: Counter<'flow' | 'outcome'>;
  /** Refresh attempts by outcome (success, invalid, reuse). */
  refreshes: Counter<'outcome'>;
  /** Rotated refresh tokens presented again; each revoked a session. */
  refreshReuse: Counter;
  /** Sign-in lockouts by scope (address, ip). */
  lockouts: Counter<'scope'>;
}

/** Creates the metrics and their registry, with Node's default process metrics. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const requests = new RequestSeries(LATENCY_BUCKETS);
  requests.register(
    registry,
    { name: 'http_requests_total', help: 'HTTP requests by method, route and status' },
    {
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by method, route and status',
    },
  );

  return {
    registry,
    requests,
    signIns: new Counter({
      name: 'auth_sign_ins_total',
      help: 'Sign-in attempts by flow and outcome',
      labelNames: ['flow', 'outcome'],
      registers,
    }),
    refreshes: new Counter({
      name: 'auth_refreshes_total',
      help: 'Refresh attempts by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    refreshReuse: new Counter({
      name: 'auth_refresh_reuse_total',
      help: 'Rotated refresh tokens presented again (each revoked its session)',
      registers,
    }),
    lockouts: new Counter({
      name: 'auth_lockouts_total',
      help: 'Sign-in lockouts by scope',
      labelNames: ['scope'],
      registers,
    }),
  };
}

/** Counts every response by route template (never the raw URL, which can carry ids). */
export function installRequestMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    const route = routeOf(request).url ?? 'unmatched';
    metrics.requests.record(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
