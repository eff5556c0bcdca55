import type { ClassifierOutputs, OutputsShape } from './ClassifierOutputs.js';
import { IsotonicRegression } from './IsotonicRegression.js';
import { type CalibrationCheck, type CalibrationCheckOptions, needsCalibration } from './needsCalibration.js';

/** When to calibrate: after the check (`auto`, NannyML's behaviour), always, or never. */
export type CalibrationMode = 'auto' | 'always' | 'never';

/**
 * Turns a model's scores into calibrated probabilities, fitted on labelled reference rows only:
 * one isotonic regression per class (binary: on the class-1 probability) where the calibration check
 * says so. Multiclass rows are renormalised to sum to 1 after calibration, and rows whose calibrated
 * values sum to 0 become uniform (1/k), as NannyML's `_calibrate_predicted_probabilities` does.
 */
export class ScoreCalibrator {
  /** Per class (binary: one entry), the fitted regression or null when that class is left as is. */
  readonly regressions: readonly (IsotonicRegression | null)[];
  /** Per class, the check that decided it (absent when the mode skips the check). */
  readonly checks: readonly (CalibrationCheck | undefined)[];
  readonly #shape: OutputsShape;

  private constructor(shape: OutputsShape, regressions: (IsotonicRegression | null)[], checks: (CalibrationCheck | undefined)[]) {
    this.#shape = shape;
    this.regressions = regressions;
    this.checks = checks;
  }

  /** Fits on the labelled reference rows `rows[0..m)` (scores present, label known). */
  static fit(
    data: ClassifierOutputs,
    shape: OutputsShape,
    rows: Int32Array,
    m: number,
    mode: CalibrationMode,
    checkOptions?: CalibrationCheckOptions,
  ): ScoreCalibrator {
    const { k, stride } = shape;
    const classes = stride === 1 ? 1 : k;
    const x = new Float64Array(m);
    const y = new Float64Array(m);
    const targets = new Uint8Array(m);
    const yTrue = data.yTrue!;
    const regressions: (IsotonicRegression | null)[] = [];
    const checks: (CalibrationCheck | undefined)[] = [];
    for (let j = 0; j < classes; j++) {
      const c = stride === 1 ? 1 : j;
      const offset = stride === 1 ? 0 : j;
      for (let i = 0; i < m; i++) {
        const r = rows[i];
        x[i] = data.scores[r * stride + offset];
        targets[i] = yTrue[r] === c ? 1 : 0;
        y[i] = targets[i];
      }
      const check = mode === 'auto' ? needsCalibration(x, targets, checkOptions) : undefined;
      checks.push(check);
      const calibrate = mode === 'always' || (mode === 'auto' && check!.needed);
      regressions.push(calibrate ? IsotonicRegression.fit(x, y) : null);
    }
    return new ScoreCalibrator(shape, regressions, checks);
  }

  /** True when at least one class is calibrated. */
  get calibrates(): boolean {
    return this.regressions.some((r) => r !== null);
  }

  /** Calibrated copy of a `scores` array of the fitted shape (NaN stays NaN). */
  apply(scores: Float64Array, out: Float64Array = new Float64Array(scores.length)): Float64Array {
    const { k, stride } = this.#shape;
    if (stride === 1) {
      const iso = this.regressions[0];
      if (iso === null) out.set(scores);
      else for (let i = 0; i < scores.length; i++) out[i] = iso.predictOne(scores[i]);
      return out;
    }
    const n = scores.length / k;
    for (let r = 0; r < n; r++) {
      const base = r * k;
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const iso = this.regressions[c];
        const v = iso === null ? scores[base + c] : iso.predictOne(scores[base + c]);
        out[base + c] = v;
        sum += v;
      }
      if (sum === 0) for (let c = 0; c < k; c++) out[base + c] = 1 / k;
      else for (let c = 0; c < k; c++) out[base + c] /= sum;
    }
    return out;
  }
}
