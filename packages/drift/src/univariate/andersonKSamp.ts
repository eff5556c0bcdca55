import { ascending } from '../special/ascending.js';
import { pairwiseSum } from '../special/numpySum.js';

/** Result of {@link andersonKSamp}. */
export interface AndersonKSampResult {
  /** Normalised k-sample Anderson–Darling statistic (midrank version, A2akN standardised). */
  statistic: number;
  /** Interpolated p-value, capped to [0.001, 0.25] as scipy does. */
  pValue: number;
  /** Critical values for significance levels 25%, 10%, 5%, 2.5%, 1%, 0.5%, 0.1%. */
  criticalValues: number[];
}

// Scholz & Stephens (1987) Table 2 interpolation coefficients, as in scipy.
const B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];
const SIG_MAX = 0.25;
const SIG_MIN = 0.001;

// For two samples m = k - 1 = 1, so the critical values are constants:
// critical = b0 + b1 / sqrt(1) + b2 / 1 (evaluated in that order, as scipy does).
const CRITICAL = B0.map((b0, i) => b0 + B1[i] / Math.sqrt(1) + B2[i] / 1);
const CRIT_MIN = Math.min(...CRITICAL);
const CRIT_MAX = Math.max(...CRITICAL);

/**
 * `np.polyfit(critical, log(sig), 2)` for the two-sample critical values, as
 * NumPy/LAPACK (dgelsd) returns it; constant because m = 1. The fixture
 * generator records NumPy's value and the tests check these digits.
 */
export const AD_KSAMP_2_POLYFIT: readonly [number, number, number] = [0.018198094574111343, -1.0082265644652515, -1.077770279820486];

/**
 * k-sample Anderson–Darling test for two samples; reproduces a plain
 * `scipy.stats.anderson_ksamp([a, b])` call of SciPy 1.17.1. With neither
 * `midrank` nor `variant` given, scipy (besides a deprecation UserWarning)
 * computes the midrank statistic A2akN (Scholz & Stephens 1987, eq. 7, valid
 * with ties), standardises it, and returns the legacy result carrying
 * `critical_values`; the p-value is exp(quadratic fit of log(sig) on the
 * critical values) at the statistic, floored/capped to 0.001/0.25 outside
 * the table (scipy warns there; here the capped value is returned silently).
 *
 * Preconditions: inputs contain no NaN (the caller drops them); they are not
 * modified; O(N log N) with N = n1 + n2. Where scipy raises (an empty sample,
 * fewer than two distinct values in the pooled data, N < 3, or a negative
 * variance estimate) the statistic and p-value are NaN.
 */
export function andersonKSamp(a: Float64Array, b: Float64Array): AndersonKSampResult {
  const n1 = a.length;
  const n2 = b.length;
  const criticalValues = CRITICAL.slice();
  const nan = { statistic: Number.NaN, pValue: Number.NaN, criticalValues };
  if (n1 === 0 || n2 === 0) return nan;
  const N = n1 + n2;
  if (N < 3) return nan;

  const x = ascending(a);
  const y = ascending(b);

  // One pass over the distinct pooled values Z*_j: lj = multiplicity in the
  // pooled sample, Bj = #(Z < Z*_j) + lj/2, and per sample M_ij = #(s <= Z*_j) - f_ij/2.
  const innerX = new Float64Array(N);
  const innerY = new Float64Array(N);
  let L = 0;
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && x[i] <= y[j]) ? x[i] : y[j];
    let ie = i;
    while (ie < n1 && x[ie] <= v) ie++;
    let je = j;
    while (je < n2 && y[je] <= v) je++;
    const lj = ie - i + (je - j);
    const Bj = i + j + lj / 2;
    const den = Bj * (N - Bj) - (N * lj) / 4;
    const Mx = ie - (ie - i) / 2;
    const My = je - (je - j) / 2;
    const dx = N * Mx - Bj * n1;
    const dy = N * My - Bj * n2;
    innerX[L] = ((lj / N) * (dx * dx)) / den;
    innerY[L] = ((lj / N) * (dy * dy)) / den;
    L++;
    i = ie;
    j = je;
  }
  if (L < 2) return nan;
  let A2kN = 0 + (0 + pairwiseSum(innerX, 0, L)) / n1;
  A2kN += (0 + pairwiseSum(innerY, 0, L)) / n2;
  A2kN *= (N - 1) / N;

  const k = 2;
  const H = 0 + 1 / n1 + 1 / n2;
  // hs_cs = cumsum(1 / [N-1, N-2, ..., 2]); h = hs_cs[-1] + 1; g = sum(hs_cs / [2..N-1]).
  const terms = innerX.length >= N - 2 ? innerX : new Float64Array(N - 2);
  let cs = 0;
  for (let r = 0; r < N - 2; r++) {
    cs = r === 0 ? 1 / (N - 1) : cs + 1 / (N - 1 - r);
    terms[r] = cs / (r + 2);
  }
  const h = cs + 1;
  const g = 0 + pairwiseSum(terms, 0, N - 2);

  const ca = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
  const cb = (2 * g - 4) * k ** 2 + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
  const cc = (6 * h + 2 * g - 2) * k ** 2 + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
  const cd = (2 * h + 6) * k ** 2 - 4 * h * k;
  const N2 = N * N;
  const N3 = N2 * N;
  const sigmasq = (ca * N3 + cb * N2 + cc * N + cd) / ((N - 1) * (N - 2) * (N - 3));
  if (!(sigmasq >= 0)) return nan; // math.sqrt raises in scipy
  const m = k - 1;
  const A2 = (A2kN - m) / Math.sqrt(sigmasq);

  let p: number;
  if (A2 < CRIT_MIN) {
    p = SIG_MAX;
  } else if (A2 > CRIT_MAX) {
    p = SIG_MIN;
  } else {
    const [p0, p1, p2] = AD_KSAMP_2_POLYFIT;
    p = Math.exp((p0 * A2 + p1) * A2 + p2);
  }
  return { statistic: A2, pValue: p, criticalValues };
}
