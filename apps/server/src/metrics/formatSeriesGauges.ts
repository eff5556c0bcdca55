import type { MetricPoint } from '@driftwatch/core';

/** Dimensions never exported as labels: one value per run, window or row would make a series of each. */
export const droppedDimensions: ReadonlySet<string> = new Set(['runId', 'run', 'chunk', 'id', 'timestamp', 'row']);

/** `drift.statistic` → `driftwatch_drift_statistic` (anything outside [a-zA-Z0-9_] becomes `_`). */
export function prometheusName(name: string): string {
  return `driftwatch_${name.replace(/[^a-zA-Z0-9_]/g, '_')}`;
}

const labelName = (key: string) => {
  const clean = key.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[a-zA-Z_]/.test(clean) ? clean : `_${clean}`;
};
const escapeValue = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const formatValue = (v: number) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v));

/** The text of the stored series' gauges and how many series each metric dropped over the cap. */
export interface SeriesGauges {
  readonly text: string;
  /** Series left out per Prometheus metric name, because of `maxSeries`. */
  readonly dropped: ReadonlyMap<string, number>;
}

/**
 * The latest point of every stored series as Prometheus gauges in the text format: one metric per
 * point name, its dimensions (less {@link droppedDimensions}) as labels, at most `maxSeries`
 * series per metric (the first in label order; the others counted as dropped). Series that
 * differ only by dropped dimensions keep the newest point.
 */
export function formatSeriesGauges(points: readonly MetricPoint[], maxSeries: number): SeriesGauges {
  const byMetric = new Map<string, Map<string, { labels: string; value: number; timestamp: string }>>();
  for (const p of points) {
    const metric = prometheusName(p.name);
    const keys = Object.keys(p.dimensions)
      .filter((k) => !droppedDimensions.has(k))
      .sort();
    const labels = keys.map((k) => `${labelName(k)}="${escapeValue(String(p.dimensions[k]))}"`).join(',');
    let series = byMetric.get(metric);
    if (!series) byMetric.set(metric, (series = new Map()));
    const seen = series.get(labels);
    if (!seen || seen.timestamp < p.timestamp) series.set(labels, { labels, value: p.value, timestamp: p.timestamp });
  }
  const dropped = new Map<string, number>();
  let text = '';
  for (const metric of [...byMetric.keys()].sort()) {
    const series = [...(byMetric.get(metric) as Map<string, { labels: string; value: number }>).values()].sort((a, b) =>
      a.labels < b.labels ? -1 : a.labels > b.labels ? 1 : 0,
    );
    if (series.length > maxSeries) dropped.set(metric, series.length - maxSeries);
    text += `# HELP ${metric} Latest stored value of the Driftwatch metric, by its dimensions\n# TYPE ${metric} gauge\n`;
    for (const s of series.slice(0, maxSeries)) text += `${metric}${s.labels === '' ? '' : `{${s.labels}}`} ${formatValue(s.value)}\n`;
  }
  return { text, dropped };
}
