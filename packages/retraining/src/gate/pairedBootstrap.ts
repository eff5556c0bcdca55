import { Xoshiro128 } from '@driftwatch/core';
import type { PreparedMetric } from '@driftwatch/metrics';

/** Settings of {@link pairedBootstrap}. */
export interface PairedBootstrapOptions {
  /** Number of resamples (≥ 1). */
  readonly resamples: number;
  /** Confidence level of the percentile interval, in (0, 1). */
  readonly level: number;
  /** Seed of core's `Xoshiro128`. */
  readonly seed: number;
  /** Whether larger metric values are better (the gain is signed so that positive is better). */
  readonly higherIsBetter: boolean;
  /** A resample counts against the challenger when its gain is `<=` this (0, `minGain`, or `-maxLoss`). */
  readonly threshold: number;
}

/** What {@link pairedBootstrap} found. */
export interface PairedBootstrapResult {
  readonly resamples: number;
  /** Resamples on which the metric was defined for both models. */
  readonly valid: number;
  /** Percentile interval of the gain at the level; null without a valid resample. */
  readonly lower: number | null;
  readonly upper: number | null;
  /** Share of valid resamples whose gain is `<= threshold`; null without a valid resample. */
  readonly pValue: number | null;
}

/** The q-quantile of ascending `sorted`, interpolated linearly (numpy's default `percentile`). */
function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/**
 * Paired bootstrap of the gain of a challenger over a champion on the same holdout rows. Each
 * resample draws n row indices with replacement (`Xoshiro128(seed).nextBelow(n)`, n draws per
 * resample, in order) into a multiplicity vector, and evaluates both models' metric with the same
 * vector, so the pairing of rows is kept. gain_b = challenger − champion (negated for error
 * metrics). Resamples where either value is undefined are left out. Reproducible for a seed.
 */
export function pairedBootstrap(
  champion: PreparedMetric,
  challenger: PreparedMetric,
  options: PairedBootstrapOptions,
): PairedBootstrapResult {
  const n = challenger.size;
  const { resamples, level, threshold, higherIsBetter } = options;
  const gains = new Float64Array(resamples);
  let valid = 0;
  let notBetter = 0;
  if (n > 0 && champion.size === n) {
    const rng = new Xoshiro128(options.seed);
    const weights = new Int32Array(n);
    for (let b = 0; b < resamples; b++) {
      weights.fill(0);
      for (let j = 0; j < n; j++) weights[rng.nextBelow(n)]++;
      const c = challenger.evaluate(weights).value;
      const h = champion.evaluate(weights).value;
      if (c === null || h === null) continue;
      const gain = higherIsBetter ? c - h : h - c;
      gains[valid++] = gain;
      if (gain <= threshold) notBetter++;
    }
  }
  if (valid === 0) return { resamples, valid, lower: null, upper: null, pValue: null };
  const sorted = gains.subarray(0, valid).sort();
  const tail = (1 - level) / 2;
  return { resamples, valid, lower: quantileSorted(sorted, tail), upper: quantileSorted(sorted, 1 - tail), pValue: notBetter / valid };
}
