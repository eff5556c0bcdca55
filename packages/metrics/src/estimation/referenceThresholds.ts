/** Lower and upper alert thresholds of a metric. */
export interface MetricThresholds {
  /** Values below this alert (NaN: no lower threshold). */
  readonly lower: number;
  /** Values above this alert (NaN: no upper threshold). */
  readonly upper: number;
}

/** How {@link referenceThresholds} widens the band. */
export interface ReferenceThresholdOptions {
  /** Standard deviations either side of the mean. Default 3. */
  readonly multiplier?: number;
  /** Floor of the lower threshold. Default 0. */
  readonly lowerLimit?: number;
  /** Ceiling of the upper threshold. Default 1. */
  readonly upperLimit?: number;
}

/**
 * NannyML's standard-deviation thresholds: `mean ± multiplier · std` (population std, ddof 0) of the
 * metric over the reference chunks, clipped to `[lowerLimit, upperLimit]`. NaN chunk values (e.g. a
 * chunk with one class) are left out; with no finite value both thresholds are NaN (no alerts).
 */
export function referenceThresholds(values: ArrayLike<number>, options: ReferenceThresholdOptions = {}): MetricThresholds {
  const multiplier = options.multiplier ?? 3;
  const lowerLimit = options.lowerLimit ?? 0;
  const upperLimit = options.upperLimit ?? 1;
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      n++;
      sum += values[i];
    }
  }
  if (n === 0) return { lower: Number.NaN, upper: Number.NaN };
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) ss += (values[i] - mean) ** 2;
  const spread = multiplier * Math.sqrt(ss / n);
  return { lower: Math.max(lowerLimit, mean - spread), upper: Math.min(upperLimit, mean + spread) };
}

/** True when `value` falls outside the thresholds; NaN values and NaN thresholds never alert. */
export function isOutside(value: number, thresholds: MetricThresholds): boolean {
  return value < thresholds.lower || value > thresholds.upper;
}
