import { type Bounds, UsageError } from '@driftwatch/core';
import type { MetricName } from '../registry/MetricSpec.js';
import { getMetricDefinition, type MetricRange } from '../registry/metricRegistry.js';
import type { Threshold } from './Threshold.js';

/** Options of `resolveThreshold`. */
export interface ResolveThresholdOptions {
  /** The metric's values on the reference chunks (nulls ignored); needed by `std`, and by `maxDrop` without `referenceValue`. */
  readonly referenceValues?: readonly (number | null)[];
  /** Range to clip to instead of the registry's (e.g. `metricRange(name, 'binary')`). */
  readonly range?: MetricRange;
}

function finite(x: unknown, what: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new UsageError(`threshold ${what} must be a finite number, got ${String(x)}`);
  return x;
}

function stats(values: readonly (number | null)[] | undefined, type: string): { mean: number; std: number } {
  const v = (values ?? []).filter((x): x is number => x !== null && Number.isFinite(x));
  if (v.length === 0) throw new UsageError(`threshold ${type}: needs at least one defined reference value`);
  let mean = 0;
  for (const x of v) mean += x;
  mean /= v.length;
  let ss = 0;
  for (const x of v) ss += (x - mean) ** 2;
  return { mean, std: Math.sqrt(ss / v.length) };
}

/**
 * The alert bounds of a threshold for one metric, clipped to the metric's range (a bound beyond the
 * range is dropped to the range's end, as NannyML clips to the metric's value limits).
 */
export function resolveThreshold(metric: MetricName, threshold: Threshold, options: ResolveThresholdOptions = {}): Bounds {
  const def = getMetricDefinition(metric);
  const range = options.range ?? def.range;
  let lower: number | null = null;
  let upper: number | null = null;
  switch (threshold.type) {
    case 'constant':
      lower = threshold.lower == null ? null : finite(threshold.lower, 'lower');
      upper = threshold.upper == null ? null : finite(threshold.upper, 'upper');
      if (lower !== null && upper !== null && lower > upper) throw new UsageError(`threshold lower ${lower} is above upper ${upper}`);
      break;
    case 'maxDrop': {
      const drop = finite(threshold.drop, 'drop');
      if (drop < 0) throw new UsageError(`threshold drop must be >= 0, got ${drop}`);
      const ref =
        threshold.referenceValue !== undefined
          ? finite(threshold.referenceValue, 'referenceValue')
          : stats(options.referenceValues, 'maxDrop').mean;
      const delta = threshold.relative ? Math.abs(ref) * drop : drop;
      if (def.higherIsBetter) lower = ref - delta;
      else upper = ref + delta;
      break;
    }
    case 'std': {
      const k = threshold.k === undefined ? 3 : finite(threshold.k, 'k');
      const lk = threshold.lowerK === undefined ? k : threshold.lowerK;
      const uk = threshold.upperK === undefined ? k : threshold.upperK;
      if (k < 0 || (lk !== null && finite(lk, 'lowerK') < 0) || (uk !== null && finite(uk, 'upperK') < 0)) {
        throw new UsageError('threshold std multipliers must be >= 0');
      }
      const { mean, std } = stats(options.referenceValues, 'std');
      lower = lk === null ? null : mean - lk * std;
      upper = uk === null ? null : mean + uk * std;
      break;
    }
    default:
      throw new UsageError(`unknown threshold type "${(threshold as { type: string }).type}" (known: constant, maxDrop, std)`);
  }
  if (lower !== null && range.min !== null && lower < range.min) lower = range.min;
  if (lower !== null && range.max !== null && lower > range.max) lower = range.max;
  if (upper !== null && range.max !== null && upper > range.max) upper = range.max;
  if (upper !== null && range.min !== null && upper < range.min) upper = range.min;
  return { lower, upper };
}
