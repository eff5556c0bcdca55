import type { MetricPoint } from '@driftwatch/core';
import type { MetricFamily, PrometheusSample } from './MetricFamily.js';
import { sanitizeLabelName } from './sanitizeLabelName.js';
import { sanitizeMetricName } from './sanitizeMetricName.js';

/** How metric points become Prometheus series. */
export interface PrometheusSeriesMapperOptions {
  /** Prefix of every metric name, sanitised (default `driftwatch`): `drift.score` → `driftwatch_drift_score`. */
  readonly prefix?: string;
  /**
   * Distinct label sets kept per metric name (default 1000). A point that would add one more is
   * dropped (counted as `cardinality`): a dimension fed by free text must not grow Prometheus
   * without bound. The series already seen keep being updated.
   */
  readonly maxSeriesPerMetric?: number;
  /** Longest label value kept, in UTF-16 code units (default 256); longer ones are cut and end in `…`. */
  readonly maxLabelValueLength?: number;
  /** Dimensions that never become labels (e.g. the ones a Pushgateway grouping key carries). */
  readonly excludeLabels?: readonly string[];
}

/** A point as a Prometheus series. */
export interface PrometheusSeries {
  /** Metric name (prefix, sanitised name, unit suffix). */
  readonly metric: string;
  /** Help text naming the Driftwatch metric and its unit. */
  readonly help: string;
  readonly sample: PrometheusSample;
  /** Identifies the series: metric name and sorted labels. */
  readonly key: string;
}

/** Why a point has no series. */
export type UnmappedPointReason = 'cardinality' | 'invalid';

/** What {@link PrometheusSeriesMapper.map} made of a point. */
export type SeriesMapping =
  | { readonly ok: true; readonly series: PrometheusSeries }
  | { readonly ok: false; readonly reason: UnmappedPointReason };

// Prometheus names carry base units (seconds, not milliseconds) as a suffix; gauges get no `_total`.
const unitSuffix: Readonly<Record<string, { suffix: string; scale: number }>> = {
  Seconds: { suffix: 'seconds', scale: 1 },
  Milliseconds: { suffix: 'seconds', scale: 1e-3 },
  Percent: { suffix: 'percent', scale: 1 },
};

/**
 * Turns metric points into Prometheus gauge series, as the Pushgateway sink pushes them and a
 * `/metrics` route exposes them:
 *
 * - the name is `<prefix>_<name>` sanitised (`sanitizeMetricName`), with the unit as a suffix in
 *   base units (`Seconds` → `_seconds`; `Milliseconds` → `_seconds`, value ÷ 1000; `Percent` →
 *   `_percent`; `Count` and `None` add nothing);
 * - each dimension is a label (`sanitizeLabelName`), values cut at `maxLabelValueLength`; two
 *   dimensions that sanitise to one label name make the point `invalid`; `runId` and `chunk` are
 *   not labels (a label per run or window would make a new series each time);
 * - at most `maxSeriesPerMetric` label sets per metric name live at once (the rest `cardinality`),
 *   counted over the mapper's life; {@link forget} frees a series' place.
 *
 * Values go through unchanged (Prometheus takes NaN and ±Inf).
 */
export class PrometheusSeriesMapper {
  readonly #prefix: string;
  readonly #maxSeries: number;
  readonly #maxValueLength: number;
  readonly #exclude: ReadonlySet<string>;
  readonly #seen = new Map<string, Set<string>>();

  constructor(options: PrometheusSeriesMapperOptions = {}) {
    this.#prefix = options.prefix ?? 'driftwatch';
    this.#maxSeries = options.maxSeriesPerMetric ?? 1000;
    this.#maxValueLength = options.maxLabelValueLength ?? 256;
    this.#exclude = new Set(options.excludeLabels ?? []);
  }

  /** The series of `point`, or why it has none. */
  map(point: MetricPoint): SeriesMapping {
    const unit = unitSuffix[point.unit];
    const base = sanitizeMetricName(point.name, this.#prefix);
    const metric = unit && !base.endsWith(`_${unit.suffix}`) ? `${base}_${unit.suffix}` : base;
    const labels: Record<string, string> = {};
    for (const [name, raw] of Object.entries(point.dimensions)) {
      if (this.#exclude.has(name)) continue;
      const label = sanitizeLabelName(name);
      if (Object.hasOwn(labels, label)) return { ok: false, reason: 'invalid' };
      labels[label] = raw.length > this.#maxValueLength ? `${raw.slice(0, this.#maxValueLength - 1)}…` : raw;
    }
    const labelKey = Object.keys(labels)
      .sort()
      .map((k) => `${k}=${JSON.stringify(labels[k])}`)
      .join(',');
    let seen = this.#seen.get(metric);
    if (!seen) {
      seen = new Set();
      this.#seen.set(metric, seen);
    }
    if (!seen.has(labelKey)) {
      if (seen.size >= this.#maxSeries) return { ok: false, reason: 'cardinality' };
      seen.add(labelKey);
    }
    const time = Date.parse(point.timestamp);
    return {
      ok: true,
      series: {
        metric,
        help: `Driftwatch metric ${point.name}${point.unit === 'None' ? '' : ` (${unit ? unit.suffix : point.unit})`}`,
        key: `${metric}{${labelKey}}`,
        sample: { labels, value: point.value * (unit?.scale ?? 1), ...(Number.isFinite(time) && { timestampMs: time }) },
      },
    };
  }

  /** Frees the place of a series (by its {@link PrometheusSeries.key}) in its metric's bound. */
  forget(series: PrometheusSeries): void {
    const labelKey = series.key.slice(series.metric.length + 1, -1);
    this.#seen.get(series.metric)?.delete(labelKey);
  }
}

/**
 * Groups series into metric families (one per metric name), keeping for each series the sample
 * with the latest timestamp (a later one in `series` wins a tie) — a gauge has one current value.
 */
export function toMetricFamilies(series: Iterable<PrometheusSeries>): MetricFamily[] {
  const byMetric = new Map<string, { help: string; samples: Map<string, PrometheusSample> }>();
  for (const s of series) {
    let family = byMetric.get(s.metric);
    if (!family) {
      family = { help: s.help, samples: new Map() };
      byMetric.set(s.metric, family);
    }
    const current = family.samples.get(s.key);
    if (current === undefined || (s.sample.timestampMs ?? 0) >= (current.timestampMs ?? 0)) family.samples.set(s.key, s.sample);
  }
  return [...byMetric].map(([name, f]) => ({ name, help: f.help, type: 'gauge' as const, samples: [...f.samples.values()] }));
}
