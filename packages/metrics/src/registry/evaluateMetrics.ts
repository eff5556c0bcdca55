import { type BootstrapOptions, bootstrapSettings, type ConfidenceInterval, intervalOf } from '../uncertainty/bootstrapInterval.js';
import type { MetricSpec } from './MetricSpec.js';
import type { MetricValue } from './MetricValue.js';
import { formatMetricSpec, parseMetricSpec } from './parseMetricSpec.js';
import { type MetricInput, prepareMetric } from './prepareMetric.js';

/** Options of `evaluateMetrics`. */
export interface EvaluateOptions {
  /** Row indices to evaluate on (repeats allowed); default every row. */
  readonly rows?: Int32Array;
  /** Also compute a percentile bootstrap interval per metric with these options (`rows` is ignored here). */
  readonly interval?: Omit<BootstrapOptions, 'rows'>;
}

/** One metric's result. */
export interface MetricResult {
  /** Canonical text of the spec (`f1:macro`), unique per spec. */
  readonly metric: string;
  readonly spec: MetricSpec;
  readonly value: MetricValue;
  /** Present when `interval` options were given. */
  readonly interval?: ConfidenceInterval;
}

/**
 * Computes a list of metrics on one input (specs as objects or text, e.g. from `--metrics
 * f1,roc_auc`). All specs are parsed and checked against the input before any is computed, so a
 * bad name fails fast with the list of known names.
 */
export function evaluateMetrics(
  input: MetricInput,
  specs: readonly (MetricSpec | string)[],
  options: EvaluateOptions = {},
): MetricResult[] {
  const parsed = specs.map((s) => (typeof s === 'string' ? parseMetricSpec(s) : s));
  const boot = options.interval ? bootstrapSettings(options.interval) : null;
  const prepared = parsed.map((s) => prepareMetric(s, input, options.rows));
  return parsed.map((spec, i) => {
    const p = prepared[i];
    const value = p.evaluate(null);
    const metric = formatMetricSpec(spec);
    if (!boot) return { metric, spec, value };
    return { metric, spec, value, interval: intervalOf(p, boot.resamples, boot.level, boot.seed) };
  });
}
