import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';

import { RequestSeries } from '../../../service/src/plugins/request-series.js';

const BUCKETS = [0.001, 0.005, 0.1];
const COUNTER = { name: 'http_requests_total', help: 'requests' };
const HISTOGRAM = { name: 'http_request_duration_seconds', help: 'latency' };

// [method, route, status, seconds]: on a bound, between bounds and above every bound.
const RESPONSES: [string, string, number, number][] = [
  ['GET', '/api/v1/meta/info', 200, 0.0004],
  ['GET', '/api/v1/meta/info', 200, 0.001],
  ['GET', '/api/v1/meta/info', 200, 0.003],
  ['GET', '/api/v1/users/me', 401, 0.0002],
  ['POST', '/api/v1/auth/login', 200, 0.04],
  ['POST', '/api/v1/auth/login', 429, 2.5],
  ['GET', 'unmatched', 404, 0.0001],
];

/** The same responses through prom-client's own Counter and Histogram. */
function promClientRegistry(): Registry {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status_code'];
  const counter = new Counter({ ...COUNTER, labelNames, registers: [registry] });
  const histogram = new Histogram({
    ...HISTOGRAM,
    labelNames,
    buckets: BUCKETS,
    registers: [registry],
  });
  for (const [method, route, status_code, seconds] of RESPONSES) {
    counter.inc({ method, route, status_code });
    histogram.observe({ method, route, status_code }, seconds);
  }
  return registry;
}

function seriesRegistry(): { registry: Registry; series: RequestSeries } {
  const registry = new Registry();
  const series = new RequestSeries(BUCKETS);
  series.register(registry, COUNTER, HISTOGRAM);
  for (const [method, route, status, seconds] of RESPONSES) {
    series.record(method, route, status, seconds);
  }
  return { registry, series };
}

describe('RequestSeries', () => {
  it('exposes the same Prometheus text as prom-client given the same responses', async () => {
    const theirs = await promClientRegistry().metrics();
    const ours = await seriesRegistry().registry.metrics();

    expect(ours).toBe(theirs);
    expect(ours).toContain(
      'http_requests_total{method="GET",route="/api/v1/meta/info",status_code="200"} 3',
    );
    // A response of exactly 1 ms is within the 1 ms bucket, as `le` means at most.
    expect(ours).toContain(
      'http_request_duration_seconds_bucket{le="0.001",method="GET",' +
        'route="/api/v1/meta/info",status_code="200"} 2',
    );
  });

  it('gives the same JSON as prom-client, every label merged', async () => {
    const theirs = await promClientRegistry().getMetricsAsJSON();
    const ours = await seriesRegistry().registry.getMetricsAsJSON();

    // prom-client adds an empty exemplar to each value; there are no exemplars here.
    const withoutExemplars = theirs.map((metric) => ({
      ...metric,
      values: metric.values.map(({ value, labels, ...rest }) => {
        const { metricName } = rest as { metricName?: string };
        return metricName === undefined ? { value, labels } : { value, labels, metricName };
      }),
    }));
    expect(ours).toEqual(withoutExemplars);
  });

  it('starts every series again when the registry resets its metrics', async () => {
    const { registry, series } = seriesRegistry();

    registry.resetMetrics();
    series.record('GET', '/health', 200, 0.0001);

    const text = await registry.metrics();
    expect(text).toContain('http_requests_total{method="GET",route="/health",status_code="200"} 1');
    expect(text).not.toContain('/api/v1/meta/info');
  });
});
