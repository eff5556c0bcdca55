import { UsageError } from '@driftwatch/core';
import type { MetricSpec } from '../registry/MetricSpec.js';
import { defined, type MetricValue, undefinedMetric } from '../registry/MetricValue.js';
import { parseMetricSpec } from '../registry/parseMetricSpec.js';
import { type MetricInput, prepareMetric } from '../registry/prepareMetric.js';
import { bootstrapSettings, resampleValues } from './bootstrapInterval.js';

/** Options of `metricSamplingError`. */
export interface MetricSamplingErrorOptions {
  /** Rows per chunk the standard error is for. */
  readonly chunkSize: number;
  /**
   * `analytic`: std of the per-row terms (ddof 0) / √chunkSize, for metrics that are a mean over rows
   * (accuracy, MAE, MSE, MAPE, log loss, Brier); `bootstrap`: std (ddof 1) of the metric over
   * `resamples` resamples of `chunkSize` rows drawn from the reference; `auto` (default): analytic
   * where available, else bootstrap.
   */
  readonly method?: 'auto' | 'analytic' | 'bootstrap';
  /** Bootstrap resamples; default 1000. */
  readonly resamples?: number;
  /** PRNG seed; default 0. */
  readonly seed?: number;
  /** Reference row indices; default every row. */
  readonly rows?: Int32Array;
}

/** A metric's standard error on chunks of a given size. */
export interface MetricSamplingError {
  /** The standard error (null when undefined: no rows, or no defined resample). */
  readonly standardError: MetricValue;
  readonly method: 'analytic' | 'bootstrap';
  readonly chunkSize: number;
}

/**
 * The sampling error of a metric on chunks of `chunkSize` rows, estimated from reference data
 * (NannyML's sampling-error band: value ± 3·SE). For a mean over rows the SE is exact:
 * σ/√n (accuracy: √(p(1−p)/n)); other metrics use the bootstrap standard deviation.
 */
export function metricSamplingError(
  spec: MetricSpec | string,
  reference: MetricInput,
  options: MetricSamplingErrorOptions,
): MetricSamplingError {
  const s = typeof spec === 'string' ? parseMetricSpec(spec) : spec;
  const n = options.chunkSize;
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`chunkSize must be a positive integer, got ${n}`);
  const { resamples, seed } = bootstrapSettings({ resamples: options.resamples, seed: options.seed });
  const prepared = prepareMetric(s, reference, options.rows);
  const method = options.method ?? 'auto';
  if (method === 'analytic' && !prepared.rowTerms) {
    throw new UsageError(`${s.name}: no analytic sampling error (not a mean over rows); use method 'bootstrap'`);
  }
  if (method !== 'bootstrap' && prepared.rowTerms) {
    const terms = prepared.rowTerms();
    if (terms.length === 0) return { standardError: undefinedMetric('no_rows'), method: 'analytic', chunkSize: n };
    let mean = 0;
    for (let i = 0; i < terms.length; i++) mean += terms[i];
    mean /= terms.length;
    let ss = 0;
    for (let i = 0; i < terms.length; i++) ss += (terms[i] - mean) ** 2;
    return { standardError: defined(Math.sqrt(ss / terms.length / n)), method: 'analytic', chunkSize: n };
  }
  if (prepared.size === 0) return { standardError: undefinedMetric('no_rows'), method: 'bootstrap', chunkSize: n };
  const values = resampleValues(prepared, n, resamples, seed);
  if (values.length < 2) return { standardError: undefinedMetric('no_valid_resamples'), method: 'bootstrap', chunkSize: n };
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i];
  mean /= values.length;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i] - mean) ** 2;
  return { standardError: defined(Math.sqrt(ss / (values.length - 1))), method: 'bootstrap', chunkSize: n };
}
