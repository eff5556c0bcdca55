import { InputError, UsageError } from '@driftwatch/core';
import { expectedCalibrationError } from './expectedCalibrationError.js';
import { IsotonicRegression } from './IsotonicRegression.js';
import { rocAucWithLabels } from './rocAuc.js';
import { ScoreOrder } from './ScoreOrder.js';
import { SeededRandom } from './SeededRandom.js';

/** Settings of the calibration check (NannyML's `needs_calibration` defaults). */
export interface CalibrationCheckOptions {
  /** Equal-count bins for the expected calibration error. Default 10. */
  readonly bins?: number;
  /** Number of shuffle splits. Default 10. */
  readonly splits?: number;
  /** Share of each class held out per split, in (0, 1). Default 0.1. */
  readonly testShare?: number;
  /** Seed of the split generator. Default 42 (NannyML's `random_state`). */
  readonly seed?: number;
}

/** Outcome of the calibration check, with the figures it was decided on. */
export interface CalibrationCheck {
  /** True when isotonic calibration lowered the held-out expected calibration error. */
  readonly needed: boolean;
  /** Why the check stopped early, when it did. */
  readonly reason: 'single-class' | 'separable' | 'compared';
  /** ECE of the raw scores on the pooled held-out rows (NaN when not compared). */
  readonly eceBefore: number;
  /** ECE of the cross-fitted isotonic scores on the same rows (NaN when not compared). */
  readonly eceAfter: number;
}

/**
 * Decides whether scores benefit from isotonic calibration, following NannyML's `needs_calibration`:
 * no when the targets hold one class, no when the raw ROC AUC exceeds 0.999; otherwise repeat
 * `splits` stratified shuffle splits (per class, `floor(testShare · n_c + 0.5)` rows held out, drawn by a
 * seeded partial Fisher–Yates), fit isotonic regression on the rest, score the held-out rows, pool
 * all held-out rows of all splits and compare the expected calibration error before and after:
 * calibrate when it drops. (NannyML draws the splits with scikit-learn's `StratifiedShuffleSplit`; the
 * splits here come from {@link SeededRandom} so the decision is reproducible across languages.)
 *
 * @param scores raw scores of the class under test.
 * @param targets 1 where the row belongs to that class, else 0.
 */
export function needsCalibration(scores: Float64Array, targets: Uint8Array, options: CalibrationCheckOptions = {}): CalibrationCheck {
  const bins = options.bins ?? 10;
  const splits = options.splits ?? 10;
  const testShare = options.testShare ?? 0.1;
  if (!Number.isInteger(bins) || bins < 2) throw new UsageError(`calibrationCheck.bins must be an integer >= 2, got ${bins}`);
  if (!Number.isInteger(splits) || splits < 1) throw new UsageError(`calibrationCheck.splits must be an integer >= 1, got ${splits}`);
  if (!(testShare > 0 && testShare < 1)) throw new UsageError(`calibrationCheck.testShare must lie in (0, 1), got ${testShare}`);
  const n = scores.length;
  if (targets.length !== n) throw new UsageError(`targets has ${targets.length} values, scores has ${n}`);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += targets[i];
  if (positives === 0 || positives === n) return { needed: false, reason: 'single-class', eceBefore: Number.NaN, eceAfter: Number.NaN };
  for (let i = 0; i < n; i++) {
    if (!(scores[i] >= 0 && scores[i] <= 1))
      throw new InputError('INPUT_INVALID_VALUE', `scores[${i}] = ${scores[i]} is not a probability in [0, 1]`);
  }
  if (rocAucWithLabels(scores, targets, new ScoreOrder()) > 0.999) {
    return { needed: false, reason: 'separable', eceBefore: Number.NaN, eceAfter: Number.NaN };
  }

  const byClass = [new Int32Array(n - positives), new Int32Array(positives)];
  const fill = [0, 0];
  for (let i = 0; i < n; i++) byClass[targets[i]][fill[targets[i]]++] = i;
  const held = [Math.floor(testShare * byClass[0].length + 0.5), Math.floor(testShare * byClass[1].length + 0.5)];
  const perSplit = held[0] + held[1];
  const pooledRaw = new Float64Array(perSplit * splits);
  const pooledCal = new Float64Array(perSplit * splits);
  const pooledTarget = new Float64Array(perSplit * splits);
  const inTest = new Uint8Array(n);
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  // Sort once; each split's training rows are this order with the held-out rows filtered out, which is
  // what a stable sort of the training subset gives.
  const sorted = new ScoreOrder().sort(scores, 1, 0, all, n).slice();
  const trainOrder = new Int32Array(n - perSplit);
  const y = Float64Array.from(targets);
  const rng = new SeededRandom(options.seed ?? 42);
  let p = 0;
  for (let s = 0; s < splits; s++) {
    inTest.fill(0);
    const testStart = p;
    for (let c = 0; c < 2; c++) {
      const pool = byClass[c];
      const m = pool.length;
      for (let i = 0; i < held[c]; i++) {
        const j = i + rng.nextBelow(m - i);
        const t = pool[i];
        pool[i] = pool[j];
        pool[j] = t;
        inTest[pool[i]] = 1;
        pooledRaw[p] = scores[pool[i]];
        pooledTarget[p] = c;
        p++;
      }
    }
    let q = 0;
    for (let i = 0; i < n; i++) if (inTest[sorted[i]] === 0) trainOrder[q++] = sorted[i];
    const iso = IsotonicRegression.fitOrdered(scores, y, undefined, trainOrder, q);
    for (let j = testStart; j < p; j++) pooledCal[j] = iso.predictOne(pooledRaw[j]);
  }
  const eceBefore = expectedCalibrationError(pooledRaw, pooledTarget, bins);
  const eceAfter = expectedCalibrationError(pooledCal, pooledTarget, bins);
  return { needed: eceBefore > eceAfter, reason: 'compared', eceBefore, eceAfter };
}
