import type { MetricPoint } from '@driftwatch/core';
import { escapeLabelValue, formatSampleValue, sanitizeLabelName } from '@driftwatch/plugin-prometheus/exposition';

/** Dimensions never exported as labels: one value per run, window or row would make a series of each. */
export const droppedDimensions: ReadonlySet<string> = new Set(['runId', 'run', 'chunk', 'id', 'timestamp', 'row']);

/** `drift.statistic` → `driftwatch_drift_statistic` (anything outside [a-zA-Z0-9_] becomes `_`). */
export function prometheusName(name: string): string {
  return `driftwatch_${name.replace(/[^a-zA-Z0-9_]/g, '_')}`;
}

/** The text of the stored series' gauges and how many series each metric dropped over the cap. */
export interface SeriesGauges {
  readonly text: string;
  /**
   * Series left out per Prometheus metric name: over `maxSeries`, or with two dimensions that
   * make one label name (`segment.region` and `segment_region`), which Prometheus refuses.
   */
  readonly dropped: ReadonlyMap<string, number>;
}

/**
 * The latest point of every stored series as Prometheus gauges in the text format: one metric per
 * point name, its dimensions (less {@link droppedDimensions}) as labels, at most `maxSeries`
 * series per metric (the first in label order; the others counted as dropped). Series that
 * differ only by dropped dimensions keep the newest point. Label names, values and sample values
 * are written by the shared exposition helpers of `@driftwatch/plugin-prometheus` (as the
 * Pushgateway sink writes them): a dimension name loses its leading underscores (`__` names are
 * Prometheus's own), and a point whose dimensions make one label name twice is left out and
 * counted as dropped — with it in the page, Prometheus refuses the whole scrape.
 */
export function formatSeriesGauges(points: readonly MetricPoint[], maxSeries: number): SeriesGauges {
  const byMetric = new Map<string, Map<string, { labels: string; value: number; timestamp: string }>>();
  const invalid = new Map<string, Set<string>>();
  for (const p of points) {
    const metric = prometheusName(p.name);
    const named = Object.keys(p.dimensions)
      .filter((k) => !droppedDimensions.has(k))
      .map((k) => ({ name: sanitizeLabelName(k), value: String(p.dimensions[k]) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const labels = named.map((l) => `${l.name}="${escapeLabelValue(l.value)}"`).join(',');
    let series = byMetric.get(metric);
    if (!series) byMetric.set(metric, (series = new Map()));
    if (named.some((l, i) => i > 0 && named[i - 1]?.name === l.name)) {
      let bad = invalid.get(metric);
      if (!bad) invalid.set(metric, (bad = new Set()));
      bad.add(labels);
      continue;
    }
    const seen = series.get(labels);
    if (!seen || seen.timestamp < p.timestamp) series.set(labels, { labels, value: p.value, timestamp: p.timestamp });
  }
  const dropped = new Map<string, number>();
  let text = '';
  for (const metric of [...byMetric.keys()].sort()) {
    const series = [...(byMetric.get(metric) as Map<string, { labels: string; value: number }>).values()].sort((a, b) =>
      a.labels < b.labels ? -1 : a.labels > b.labels ? 1 : 0,
    );
    const left = Math.max(0, series.length - maxSeries) + (invalid.get(metric)?.size ?? 0);
    if (left > 0) dropped.set(metric, left);
    if (series.length === 0) continue;
    text += `# HELP ${metric} Latest stored value of the Driftwatch metric, by its dimensions\n# TYPE ${metric} gauge\n`;
    for (const s of series.slice(0, maxSeries))
      text += `${metric}${s.labels === '' ? '' : `{${s.labels}}`} ${formatSampleValue(s.value)}\n`;
  }
  return { text, dropped };
}
