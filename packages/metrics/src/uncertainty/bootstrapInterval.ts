import { UsageError, Xoshiro128 } from '@driftwatch/core';
import type { MetricSpec } from '../registry/MetricSpec.js';
import type { MetricValue } from '../registry/MetricValue.js';
import type { PreparedMetric } from '../registry/PreparedMetric.js';
import { parseMetricSpec } from '../registry/parseMetricSpec.js';
import { type MetricInput, prepareMetric } from '../registry/prepareMetric.js';

/** Options of the bootstrap. */
export interface BootstrapOptions {
  /** Number of resamples; default 1000. */
  readonly resamples?: number;
  /** Confidence level of the interval, in (0, 1); default 0.95. */
  readonly level?: number;
  /** PRNG seed; the same seed, input and options give the same interval. Default 0. */
  readonly seed?: number;
  /** Row indices the metric is computed on (the population resampled); default every row. */
  readonly rows?: Int32Array;
}

/** A percentile bootstrap confidence interval. */
export interface ConfidenceInterval {
  /** Confidence level, e.g. 0.95. */
  readonly level: number;
  /** Lower bound (the (1 − level)/2 quantile of the resampled values); null when no resample was defined. */
  readonly lower: number | null;
  /** Upper bound (the (1 + level)/2 quantile); null when no resample was defined. */
  readonly upper: number | null;
  /** Resamples drawn. */
  readonly resamples: number;
  /** Resamples on which the metric was defined (e.g. ROC AUC needs both classes); the quantiles use only these. */
  readonly valid: number;
}

/** A metric's value with its bootstrap interval. */
export interface BootstrapResult {
  /** The metric on the (selected) rows, not resampled. */
  readonly estimate: MetricValue;
  readonly interval: ConfidenceInterval;
}

/**
 * Draws `resamples` bootstrap resamples of `size` rows out of the prepared metric's rows (uniformly,
 * with replacement) and evaluates the metric on each; resamples are multiplicity vectors, so no
 * row data is copied. Returns the defined values, in draw order.
 */
export function resampleValues(prepared: PreparedMetric, size: number, resamples: number, seed: number): Float64Array {
  const m = prepared.size;
  const out = new Float64Array(resamples);
  if (m === 0) return out.subarray(0, 0);
  const rng = new Xoshiro128(seed);
  const weights = new Int32Array(m);
  let valid = 0;
  for (let b = 0; b < resamples; b++) {
    weights.fill(0);
    for (let j = 0; j < size; j++) weights[rng.nextBelow(m)]++;
    const v = prepared.evaluate(weights);
    if (v.value !== null) out[valid++] = v.value;
  }
  return out.subarray(0, valid);
}

/** The q-quantile of ascending `sorted` with linear interpolation (numpy's default `percentile` method). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const t = pos - lo;
  return sorted[lo] + (sorted[hi] - sorted[lo]) * t;
}

/** Checks the bootstrap options and fills in the defaults. */
export function bootstrapSettings(options: BootstrapOptions): { resamples: number; level: number; seed: number } {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(resamples) || resamples < 1)
    throw new UsageError(`bootstrap resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new UsageError(`bootstrap level must be in (0, 1), got ${level}`);
  if (!Number.isInteger(seed)) throw new UsageError(`bootstrap seed must be an integer, got ${seed}`);
  return { resamples, level, seed };
}

/**
 * Percentile bootstrap confidence interval of a metric: `resamples` resamples of the rows with
 * replacement (same size), the metric on each, and the (1 ± level)/2 quantiles of the defined
 * values. Seeded (xoshiro128**), so reproducible. Each resample costs one pass over the rows
 * (ROC AUC: the rows are grouped by score once), e.g. 1000 resamples of 10 000 rows in well under a second.
 */
export function bootstrapInterval(spec: MetricSpec | string, input: MetricInput, options: BootstrapOptions = {}): BootstrapResult {
  const s = typeof spec === 'string' ? parseMetricSpec(spec) : spec;
  const { resamples, level, seed } = bootstrapSettings(options);
  const prepared = prepareMetric(s, input, options.rows);
  return { estimate: prepared.evaluate(null), interval: intervalOf(prepared, resamples, level, seed) };
}

/** The interval of an already prepared metric. */
export function intervalOf(prepared: PreparedMetric, resamples: number, level: number, seed: number): ConfidenceInterval {
  const values = resampleValues(prepared, prepared.size, resamples, seed).slice().sort();
  if (values.length === 0) return { level, lower: null, upper: null, resamples, valid: 0 };
  const alpha = (1 - level) / 2;
  return { level, lower: quantileSorted(values, alpha), upper: quantileSorted(values, 1 - alpha), resamples, valid: values.length };
}
