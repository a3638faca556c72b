import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';

/** The service's Prometheus metrics, one registry per app so test instances do not mix. */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status_code'>;
  httpDuration: Histogram<'method' | 'route' | 'status_code'>;
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

  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status_code'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by method, route and status',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
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
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status_code: reply.statusCode,
    };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    done();
  });
}
