import type { Metric, Registry } from 'prom-client';

/** The labels of one series: a route template, a method and a status code. */
export interface RequestLabels {
  method: string;
  route: string;
  status_code: number;
}

interface Series {
  readonly labels: RequestLabels;
  count: number;
  sum: number;
  /** Responses per latency bucket, not cumulative; the last slot is above every bound. */
  readonly perBucket: Float64Array;
}

interface ExportedValue {
  value: number;
  labels: RequestLabels | { le?: number | '+Inf' } | Record<string, string | number>;
  sharedLabels?: RequestLabels;
  metricName?: string;
}

/** What prom-client's Registry reads from a metric it serves. */
interface RegistryMetric {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  aggregator: 'sum';
  /** Values with every label in `labels`, as `registry.getMetricsAsJSON()` gives them. */
  get(): Promise<Exported>;
  /** Values with a series' own labels apart, which `registry.metrics()` prefers. */
  getForPromString(): Promise<Exported>;
  reset(): void;
}

interface Exported {
  name: string;
  help: string;
  type: string;
  aggregator: 'sum';
  values: ExportedValue[];
}

/**
 * Every response's count and latency, by route template, method and status: the
 * `http_requests_total` counter and the `http_request_duration_seconds` histogram.
 *
 * prom-client's own Counter and Histogram hash and validate the label object on every call,
 * which cost about 6 µs of each request here (a tenth of a `users/me`); this records into
 * nested maps and leaves the formatting to scrape time. Both views export the values in the
 * shape prom-client's own metrics do, so its Registry writes them in the same text.
 */
export class RequestSeries {
  private readonly bounds: readonly number[];
  private readonly byRoute = new Map<string, Map<string, Map<number, Series>>>();

  constructor(bounds: readonly number[]) {
    this.bounds = [...bounds].sort((a, b) => a - b);
  }

  /** Counts one response of `seconds`. */
  record(method: string, route: string, statusCode: number, seconds: number): void {
    const series = this.seriesOf(method, route, statusCode);
    series.count += 1;
    series.sum += seconds;

    // The first bound the latency is within, as Prometheus buckets are `le` (at most).
    const { bounds } = this;
    let slot = 0;
    while (slot < bounds.length && seconds > bounds[slot]!) slot += 1;
    series.perBucket[slot]! += 1;
  }

  /** Registers the counter and the histogram under these names in `registry`. */
  register(
    registry: Registry,
    counter: { name: string; help: string },
    histogram: { name: string; help: string },
  ): void {
    // The Registry's types list only prom-client's own metric classes, though it reads
    // nothing from a metric but the members RegistryMetric names.
    const add = (metric: RegistryMetric) => registry.registerMetric(metric as unknown as Metric);
    add(this.view(counter, 'counter', () => this.counterValues()));
    add(this.view(histogram, 'histogram', () => this.histogramValues(histogram.name)));
  }

  private seriesOf(method: string, route: string, statusCode: number): Series {
    let byMethod = this.byRoute.get(route);
    if (byMethod === undefined) {
      byMethod = new Map();
      this.byRoute.set(route, byMethod);
    }
    let byStatus = byMethod.get(method);
    if (byStatus === undefined) {
      byStatus = new Map();
      byMethod.set(method, byStatus);
    }
    let series = byStatus.get(statusCode);
    if (series === undefined) {
      series = {
        labels: { method, route, status_code: statusCode },
        count: 0,
        sum: 0,
        perBucket: new Float64Array(this.bounds.length + 1),
      };
      byStatus.set(statusCode, series);
    }
    return series;
  }

  private *series(): Generator<Series> {
    for (const byMethod of this.byRoute.values()) {
      for (const byStatus of byMethod.values()) yield* byStatus.values();
    }
  }

  private view(
    names: { name: string; help: string },
    type: RegistryMetric['type'],
    values: () => ExportedValue[],
  ): RegistryMetric {
    const { name, help } = names;
    const exported = (list: ExportedValue[]): Promise<Exported> =>
      Promise.resolve({ name, help, type, aggregator: 'sum', values: list });
    return {
      name,
      help,
      type,
      aggregator: 'sum',
      get: () =>
        exported(
          values().map(({ sharedLabels, ...value }) => ({
            ...value,
            labels: { ...sharedLabels, ...value.labels },
          })),
        ),
      getForPromString: () => exported(values()),
      // Both views share the series, so resetting either resets both.
      reset: () => this.byRoute.clear(),
    };
  }

  private counterValues(): ExportedValue[] {
    return [...this.series()].map((series) => ({ value: series.count, labels: series.labels }));
  }

  private histogramValues(name: string): ExportedValue[] {
    const values: ExportedValue[] = [];
    for (const series of this.series()) {
      const sharedLabels = series.labels;
      let cumulative = 0;
      this.bounds.forEach((le, slot) => {
        cumulative += series.perBucket[slot]!;
        values.push({
          value: cumulative,
          labels: { le },
          sharedLabels,
          metricName: `${name}_bucket`,
        });
      });
      values.push(
        { value: series.count, labels: { le: '+Inf' }, sharedLabels, metricName: `${name}_bucket` },
        { value: series.sum, labels: {}, sharedLabels, metricName: `${name}_sum` },
        { value: series.count, labels: {}, sharedLabels, metricName: `${name}_count` },
      );
    }
    return values;
  }
}
