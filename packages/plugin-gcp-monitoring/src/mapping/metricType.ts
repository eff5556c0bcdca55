import { gcpLimits } from './gcpLimits.js';

/** Where Driftwatch's metric types live unless configured otherwise. */
export const defaultMetricPrefix = 'custom.googleapis.com/driftwatch';

/**
 * The Cloud Monitoring metric type of a Driftwatch metric name: the dots of
 * the name become path separators under the prefix (`drift.score` →
 * `custom.googleapis.com/driftwatch/drift/score`), letters are lower-cased and
 * any other character outside `[a-z0-9_]` becomes `_` (the naming conventions
 * for user-defined metrics), so `performance.roc-AUC` → `…/performance/roc_auc`.
 * Throws a `RangeError` when the result is longer than Cloud Monitoring allows.
 */
export function metricType(name: string, prefix: string = defaultMetricPrefix): string {
  const path = name
    .split('.')
    .map((segment) => segment.toLowerCase().replace(/[^a-z0-9_]/g, '_'))
    .filter((segment) => segment.length > 0)
    .join('/');
  if (path.length === 0) throw new RangeError(`metric name "${name}" has no usable characters`);
  const type = `${prefix}/${path}`;
  if (type.length > gcpLimits.metricTypeLength) {
    throw new RangeError(`metric type ${type} is longer than ${gcpLimits.metricTypeLength} characters`);
  }
  return type;
}
