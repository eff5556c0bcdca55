import {
  type Bounds,
  type MetricFigure,
  type MetricPointFigure,
  type MetricSeries,
  type PerformanceReport,
  performanceReportSchemaVersion,
  Xoshiro128,
} from '@driftwatch/core';
import type { Chunk } from '@driftwatch/data';
import type { ModelData } from '../modelData/modelData.js';
import { evaluateMetrics, type MetricResult } from '../registry/evaluateMetrics.js';
import type { MetricSpec } from '../registry/MetricSpec.js';
import { metricRange } from '../registry/metricRegistry.js';
import type { MetricInput } from '../registry/prepareMetric.js';
import { findAlerts } from '../thresholds/findAlerts.js';
import { resolveThreshold } from '../thresholds/resolveThreshold.js';
import type { Threshold } from '../thresholds/Threshold.js';
import { metricSamplingError } from '../uncertainty/metricSamplingError.js';

/** How {@link evaluatePerformance} computes. */
export interface PerformanceOptions {
  readonly metrics: readonly MetricSpec[];
  /** Chunks of the data (from `chunkFrame`); without them only the overall figures are computed. */
  readonly chunks?: readonly Chunk[];
  /** Labelled reference data cut the same way: its chunks give the threshold bands and the sampling errors. */
  readonly reference?: { readonly data: ModelData; readonly chunks: readonly Chunk[] };
  /**
   * Thresholds by canonical metric text (`f1`, `f1:macro`) or `*` for every metric.
   * Default: mean ± 3·std of the reference chunks when there are at least two, else none.
   */
  readonly thresholds?: Readonly<Record<string, Threshold>>;
  /** Bootstrap confidence interval of the overall figures; `false` for none. */
  readonly interval?: { readonly resamples?: number; readonly level?: number; readonly seed?: number } | false;
  /** Resamples for the sampling error of metrics that are not a mean over rows; default 200. */
  readonly samplingErrorResamples?: number;
  readonly seed?: number;
  readonly generatedAt?: string;
}

/** Rows the bootstrap of a sampling error draws from, at most; a seeded subset of a bigger reference. */
const samplingPopulation = 50_000;

/** The metric input of a model's data, and the rows where label, prediction and score are all known. */
export function metricInput(data: ModelData): { input: MetricInput; labelled: Int32Array } {
  if (data.task === 'regression') {
    const { yTrue, yPred } = data;
    const keep = new Int32Array(yTrue.length);
    let n = 0;
    for (let i = 0; i < yTrue.length; i++) if (Number.isFinite(yTrue[i] as number) && Number.isFinite(yPred[i] as number)) keep[n++] = i;
    return { input: { yTrue, yPred }, labelled: keep.slice(0, n) };
  }
  const c = data.classification;
  const keep = new Int32Array(c.yTrue.length);
  const k = c.classes.length;
  let n = 0;
  for (let i = 0; i < c.yTrue.length; i++) {
    if ((c.yTrue[i] as number) < 0 || (c.yPred[i] as number) < 0) continue;
    if (c.scores && !Number.isFinite(c.scores[i] as number)) continue;
    if (c.proba && !Number.isFinite(c.proba[i * k] as number)) continue;
    keep[n++] = i;
  }
  const input = {
    yTrue: c.yTrue,
    yPred: c.yPred,
    classes: c.classes,
    ...(c.positive !== undefined ? { positive: c.positive } : {}),
    ...(c.scores ? { scores: c.scores } : {}),
    ...(c.proba ? { proba: c.proba } : {}),
  };
  return { input, labelled: keep.slice(0, n) };
}

/** The rows of `chunk` that are also in `labelled` (both ascending). */
function intersect(chunk: Int32Array, mask: Uint8Array): Int32Array {
  const out = new Int32Array(chunk.length);
  let n = 0;
  for (let i = 0; i < chunk.length; i++) {
    const r = chunk[i] as number;
    if (mask[r] === 1) out[n++] = r;
  }
  return out.slice(0, n);
}

function maskOf(rows: Int32Array, length: number): Uint8Array {
  const mask = new Uint8Array(length);
  for (let i = 0; i < rows.length; i++) mask[rows[i] as number] = 1;
  return mask;
}

function figure(r: MetricResult): MetricFigure {
  const base =
    r.value.value === null ? { metric: r.metric, value: null, reason: r.value.reason } : { metric: r.metric, value: r.value.value };
  if (!r.interval) return base;
  const { lower, upper, level, resamples } = r.interval;
  return { ...base, ci: { lower, upper, level, resamples } };
}

function rowsOf(data: ModelData): number {
  return data.frame.rowCount;
}

/** A seeded subset of at most `max` of `rows` (a partial Fisher–Yates shuffle), ascending. */
function subsample(rows: Int32Array, max: number, seed: number): Int32Array {
  if (rows.length <= max) return rows;
  const copy = rows.slice();
  const rng = new Xoshiro128(seed);
  for (let i = 0; i < max; i++) {
    const j = i + rng.nextBelow(copy.length - i);
    const t = copy[i] as number;
    copy[i] = copy[j] as number;
    copy[j] = t;
  }
  return copy.subarray(0, max).sort();
}

/**
 * Realised performance of a model: every metric over all labelled rows (with
 * a bootstrap interval), and per chunk with the sampling-error band
 * (`value ± 3·SE`; SE from the reference at the median chunk size, scaled by
 * √(n₀/n) to each chunk's size, exact for metrics that are a mean over rows),
 * thresholds and alerts.
 */
export function evaluatePerformance(data: ModelData, options: PerformanceOptions): PerformanceReport {
  const task = data.task;
  const { input, labelled } = metricInput(data);
  const seed = options.seed ?? 0;
  const interval = options.interval === false ? undefined : { resamples: 1000, level: 0.95, seed, ...(options.interval ?? {}) };
  const overall = evaluateMetrics(input, options.metrics, { rows: labelled, ...(interval ? { interval } : {}) });
  const metrics = overall.map(figure);
  const reference = options.reference ? { ...metricInput(options.reference.data), chunks: options.reference.chunks } : undefined;

  let series: MetricSeries[] | undefined;
  const alerts: { metric: string; chunk: string; value: number; side: 'below' | 'above' }[] = [];
  if (options.chunks) {
    const mask = maskOf(labelled, rowsOf(data));
    const chunkRows = options.chunks.map((c) => intersect(c.rows, mask));
    const perChunk = chunkRows.map((rows) => evaluateMetrics(input, options.metrics, { rows }));
    let referenceValues: (number | null)[][] | undefined;
    let referenceKeys: string[] = [];
    if (reference) {
      const refMask = maskOf(reference.labelled, rowsOf(options.reference?.data as ModelData));
      referenceKeys = reference.chunks.map((c) => c.key);
      const refResults = reference.chunks.map((c) =>
        evaluateMetrics(reference.input, options.metrics, { rows: intersect(c.rows, refMask) }),
      );
      referenceValues = options.metrics.map((_, m) => refResults.map((r) => (r[m] as MetricResult).value.value));
    }
    const sizes = chunkRows
      .map((r) => r.length)
      .filter((n) => n > 0)
      .sort((a, b) => a - b);
    const n0 = sizes.length > 0 ? (sizes[sizes.length >> 1] as number) : 0;
    const seInput = reference ?? { input, labelled };
    const population = subsample(seInput.labelled, samplingPopulation, seed);
    series = options.metrics.map((spec, m) => {
      const metric = (overall[m] as MetricResult).metric;
      const range = metricRange(spec.name, task);
      const refValues = referenceValues?.[m];
      const explicit = options.thresholds?.[metric] ?? options.thresholds?.['*'];
      const definedRef = refValues?.filter((v) => v !== null).length ?? 0;
      const threshold: Threshold | undefined = explicit ?? (definedRef >= 2 ? { type: 'std', k: 3 } : undefined);
      const bounds: Bounds = threshold
        ? resolveThreshold(spec.name, threshold, { referenceValues: refValues, range })
        : { lower: null, upper: null };
      const values = perChunk.map((r) => (r[m] as MetricResult).value.value);
      const flags = findAlerts(bounds, values);
      const se0 =
        n0 > 0 && population.length > 0
          ? metricSamplingError(spec, seInput.input, {
              chunkSize: n0,
              rows: population,
              seed,
              resamples: options.samplingErrorResamples ?? 200,
            }).standardError.value
          : null;
      const points: MetricPointFigure[] = (options.chunks as readonly Chunk[]).map((chunk, i) => {
        const v = (perChunk[i] as MetricResult[])[m] as MetricResult;
        const n = (chunkRows[i] as Int32Array).length;
        const se = se0 !== null && n > 0 ? se0 * Math.sqrt(n0 / n) : null;
        const value = v.value.value;
        const clip = (x: number) => Math.min(range.max ?? Number.POSITIVE_INFINITY, Math.max(range.min ?? Number.NEGATIVE_INFINITY, x));
        const flag = flags[i] as { alert: boolean; side: 'below' | 'above' | null };
        if (flag.alert && value !== null) alerts.push({ metric, chunk: chunk.key, value, side: flag.side as 'below' | 'above' });
        return {
          chunk: chunk.key,
          ...(chunk.startDate !== undefined ? { startDate: chunk.startDate } : {}),
          ...(chunk.endDate !== undefined ? { endDate: chunk.endDate } : {}),
          rows: chunk.rowCount,
          labelledRows: n,
          value,
          ...(v.value.value === null ? { reason: v.value.reason } : {}),
          samplingError: se,
          lower: value !== null && se !== null ? clip(value - 3 * se) : null,
          upper: value !== null && se !== null ? clip(value + 3 * se) : null,
          alert: flag.alert,
          ...(flag.side ? { side: flag.side } : {}),
        };
      });
      return {
        metric,
        thresholdType: threshold?.type ?? 'none',
        threshold: bounds,
        ...(refValues ? { reference: refValues.map((value, i) => ({ chunk: referenceKeys[i] as string, value })) } : {}),
        points,
      };
    });
  }
  const classes = data.task === 'regression' ? undefined : data.classification.classes;
  const positive = data.task === 'binary' ? data.classification.classes[data.classification.positive as number] : undefined;
  return {
    schemaVersion: performanceReportSchemaVersion,
    kind: 'performance',
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    task,
    ...(classes ? { classes } : {}),
    ...(positive !== undefined ? { positive } : {}),
    data: { source: data.frame.source, rows: data.frame.rowCount, labelledRows: labelled.length },
    ...(reference && options.reference
      ? {
          reference: {
            source: options.reference.data.frame.source,
            rows: options.reference.data.frame.rowCount,
            labelledRows: reference.labelled.length,
          },
        }
      : {}),
    metrics,
    ...(series ? { series } : {}),
    alerts,
  };
}

/** The metrics computed when none are named, by task. */
export function defaultMetrics(task: ModelData['task'], hasScores: boolean): string[] {
  if (task === 'regression') return ['mae', 'rmse', 'r2'];
  if (task === 'binary') return ['accuracy', 'precision', 'recall', 'f1', ...(hasScores ? ['roc_auc'] : [])];
  return ['accuracy', 'f1:macro', ...(hasScores ? ['roc_auc:macro'] : [])];
}
