import type { MetricSpec } from './MetricSpec.js';
import type { MetricValue } from './MetricValue.js';
import { parseMetricSpec } from './parseMetricSpec.js';
import { type MetricInput, prepareMetric } from './prepareMetric.js';

/** Options of `computeMetric`. */
export interface ComputeOptions {
  /** Row indices to evaluate on (repeats allowed); default every row. Contiguous chunks: pass `subarray` views instead. */
  readonly rows?: Int32Array;
}

/**
 * One metric on one input, as scikit-learn computes it; `{ value: null, reason }` where it is
 * undefined. `spec` may be a `MetricSpec` or its text (`'f1:macro'`).
 */
export function computeMetric(spec: MetricSpec | string, input: MetricInput, options: ComputeOptions = {}): MetricValue {
  const s = typeof spec === 'string' ? parseMetricSpec(spec) : spec;
  return prepareMetric(s, input, options.rows).evaluate(null);
}
