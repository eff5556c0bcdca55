import { InputError } from '@driftwatch/core';
import { ScoreOrder } from './ScoreOrder.js';

/** np.finfo(np.float64).resolution: sklearn's `_make_unique` merges x values closer than this. */
const uniqueResolution = 1e-15;

/**
 * Increasing isotonic regression with clipping outside the fitted range, matching scikit-learn's
 * `IsotonicRegression(out_of_bounds='clip', increasing=True)` fit / predict:
 *
 * 1. drop zero-weight points, sort by x;
 * 2. `_make_unique`: x values within 1e-15 of the first of a run are one point whose y is the weighted mean;
 * 3. PAVA on the unique points (scipy's `optimize.isotonic_regression`, Busing 2022, ported step by step);
 * 4. drop interior points whose y equals both neighbours (`trim_duplicates`);
 * 5. predict: clip to [xMin, xMax], then scipy `interp1d` linear interpolation with the same formula
 *    `(yHi - yLo) / (xHi - xLo) * (t - xLo) + yLo`.
 *
 * Points tied in x are summed in input order (sklearn orders them by y first); with 0/1 targets the sums are exact.
 */
export class IsotonicRegression {
  /** Knots kept after fitting (sklearn's `X_thresholds_`), ascending. */
  readonly xThresholds: Float64Array;
  /** Fitted values at the knots (sklearn's `y_thresholds_`), non-decreasing. */
  readonly yThresholds: Float64Array;
  /** Smallest fitted x (sklearn's `X_min_`); predictions below it are clipped to it. */
  readonly xMin: number;
  /** Largest fitted x (sklearn's `X_max_`). */
  readonly xMax: number;

  private constructor(xThresholds: Float64Array, yThresholds: Float64Array, xMin: number, xMax: number) {
    this.xThresholds = xThresholds;
    this.yThresholds = yThresholds;
    this.xMin = xMin;
    this.xMax = xMax;
  }

  /**
   * Fits on `x` (scores), `y` (targets) and optional non-negative `weights`, all of one length.
   * @throws InputError when lengths differ, a value is not finite, or no point has positive weight.
   */
  static fit(x: Float64Array, y: Float64Array, weights?: Float64Array): IsotonicRegression {
    const n = x.length;
    if (y.length !== n) throw new InputError('INPUT_INVALID_VALUE', `isotonic regression: y has ${y.length} values, x has ${n}`);
    if (weights !== undefined && weights.length !== n) {
      throw new InputError('INPUT_INVALID_VALUE', `isotonic regression: weights has ${weights.length} values, x has ${n}`);
    }
    const rows = new Int32Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const w = weights === undefined ? 1 : weights[i];
      if (!Number.isFinite(x[i]) || !Number.isFinite(y[i]) || !(w >= 0) || !Number.isFinite(w)) {
        throw new InputError('INPUT_INVALID_VALUE', `isotonic regression: row ${i} has a non-finite or negative value`);
      }
      if (w > 0) rows[m++] = i;
    }
    if (m === 0) throw new InputError('INPUT_NO_ROWS', 'isotonic regression needs at least one point with positive weight');
    return IsotonicRegression.fitOrdered(x, y, weights, new ScoreOrder().sort(x, 1, 0, rows, m), m);
  }

  /**
   * Fits on the rows `order[0..m)` of `x` / `y` / `weights`, which the caller guarantees are finite,
   * positively weighted and sorted by x (stably). Lets a caller that fits many subsets of one sample
   * sort it once.
   * @internal
   */
  static fitOrdered(x: Float64Array, y: Float64Array, weights: Float64Array | undefined, order: Int32Array, m: number): IsotonicRegression {
    // _make_unique
    const ux = new Float64Array(m);
    const uy = new Float64Array(m);
    const uw = new Float64Array(m);
    let u = 0;
    let cx = x[order[0]];
    let cy = 0;
    let cw = 0;
    for (let j = 0; j < m; j++) {
      const r = order[j];
      const w = weights === undefined ? 1 : weights[r];
      const v = x[r];
      if (v - cx >= uniqueResolution) {
        ux[u] = cx;
        uw[u] = cw;
        uy[u] = cy / cw;
        u++;
        cx = v;
        cw = w;
        cy = y[r] * w;
      } else {
        cw += w;
        cy += y[r] * w;
      }
    }
    ux[u] = cx;
    uw[u] = cw;
    uy[u] = cy / cw;
    u++;

    const fitted = pava(uy.subarray(0, u), uw.subarray(0, u));
    const xMin = ux[0];
    const xMax = ux[u - 1];

    // trim_duplicates: keep the ends and every point whose y differs from a neighbour.
    const keepX = new Float64Array(u);
    const keepY = new Float64Array(u);
    let k = 0;
    for (let i = 0; i < u; i++) {
      if (i === 0 || i === u - 1 || fitted[i] !== fitted[i - 1] || fitted[i] !== fitted[i + 1]) {
        keepX[k] = ux[i];
        keepY[k] = fitted[i];
        k++;
      }
    }
    return new IsotonicRegression(keepX.slice(0, k), keepY.slice(0, k), xMin, xMax);
  }

  /** Prediction for one score; NaN stays NaN. */
  predictOne(t: number): number {
    const xs = this.xThresholds;
    const ys = this.yThresholds;
    const k = xs.length;
    if (k === 1) return Number.isNaN(t) ? t : ys[0];
    const c = Math.min(Math.max(t, this.xMin), this.xMax);
    // np.searchsorted(xs, c, side='left'), clipped to [1, k - 1] as interp1d does; NaN lands at the end.
    let lo = 0;
    let hi = k;
    if (Number.isNaN(c)) lo = k;
    else {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (xs[mid] < c) lo = mid + 1;
        else hi = mid;
      }
    }
    const j = Math.min(Math.max(lo, 1), k - 1);
    const xLo = xs[j - 1];
    const yLo = ys[j - 1];
    const slope = (ys[j] - yLo) / (xs[j] - xLo);
    return slope * (c - xLo) + yLo;
  }

  /** Predictions for `t` into `out` (allocated when omitted). */
  predict(t: Float64Array, out: Float64Array = new Float64Array(t.length)): Float64Array {
    for (let i = 0; i < t.length; i++) out[i] = this.predictOne(t[i]);
    return out;
  }
}

/**
 * Pool-adjacent-violators as scipy's `_pava` implements Busing (2022), Algorithm 1, with its `>=`
 * modifications; returns the fitted values (one per input point). Inputs are not modified.
 */
function pava(values: Float64Array, weights: Float64Array): Float64Array {
  const n = values.length;
  const x = Float64Array.from(values);
  const w = Float64Array.from(weights);
  const r = new Int32Array(n + 1);
  r[0] = 0;
  r[1] = 1;
  let b = 0;
  let xbPrev = x[0];
  let wbPrev = w[0];
  for (let i = 1; i < n; i++) {
    b++;
    let xb = x[i];
    let wb = w[i];
    if (xbPrev >= xb) {
      b--;
      let sb = wbPrev * xbPrev + wb * xb;
      wb += wbPrev;
      xb = sb / wb;
      while (i < n - 1 && xb >= x[i + 1]) {
        i++;
        sb += w[i] * x[i];
        wb += w[i];
        xb = sb / wb;
      }
      while (b > 0 && x[b - 1] >= xb) {
        b--;
        sb += w[b] * x[b];
        wb += w[b];
        xb = sb / wb;
      }
    }
    x[b] = xbPrev = xb;
    w[b] = wbPrev = wb;
    r[b + 1] = i + 1;
  }
  let f = n - 1;
  for (let k = b; k >= 0; k--) {
    const t = r[k];
    const xk = x[k];
    for (let i = f; i >= t; i--) x[i] = xk;
    f = t - 1;
  }
  return x;
}
