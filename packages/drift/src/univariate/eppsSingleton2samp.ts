import { chi2Sf } from '../special/distributions.js';
import { pairwiseSum } from '../special/numpySum.js';
import { symmetricPinv } from '../special/symmetricPinv.js';

/** Result of {@link eppsSingleton2samp}. */
export interface EppsSingletonResult {
  /** W, asymptotically chi² with `rank(pinv(cov))` (normally 4) degrees of freedom. */
  statistic: number;
  /** Upper chi² tail of the statistic. */
  pValue: number;
}

const T1 = 0.4;
const T2 = 0.8;
const FEATURES = 4;

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Rearranges `a` so that `a[k]` holds the k-th smallest value, smaller ones
 * before it and larger ones after (within [lo, hi]). Three-way partition
 * around a median-of-three pivot, so heavy ties stay linear; falls back to a
 * full sort of the range if the partitions keep coming out lopsided.
 */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  let budget = 2 * Math.ceil(Math.log2(hi - lo + 2)) + 8;
  while (hi > lo) {
    if (budget-- === 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const mid = lo + ((hi - lo) >> 1);
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    // Dutch flag: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const x = a[i];
      if (x < pivot) swap(a, lt++, i++);
      else if (x > pivot) swap(a, i, gt--);
      else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return;
  }
}

function minOf(a: Float64Array, lo: number, hi: number): number {
  let m = a[lo];
  for (let i = lo + 1; i <= hi; i++) if (a[i] < m) m = a[i];
  return m;
}

/**
 * Interquartile range of the pooled sample as `scipy.stats.iqr` computes it
 * (`scipy.stats.quantile(..., method='linear')`: jg = p·n + 1 − p,
 * (1 − g)·y[j] + g·y[j + 1]), with two selections instead of a sort.
 */
function pooledIqr(x: Float64Array, y: Float64Array): number {
  const n = x.length + y.length;
  const pool = new Float64Array(n);
  pool.set(x);
  pool.set(y, x.length);
  const quantile = (p: number, lo: number): { value: number; j: number } => {
    const jg = p * n + (1 - p);
    const jp1 = Math.floor(jg);
    const g = jg % 1;
    const j = Math.min(Math.max(jp1 - 1, 0), n - 1);
    const up = Math.min(Math.max(jp1, 0), n - 1);
    select(pool, j, lo, n - 1);
    const yj = pool[j];
    const yUp = up === j ? yj : minOf(pool, j + 1, n - 1);
    return { value: (1 - g) * yj + g * yUp, j };
  };
  const q25 = quantile(0.25, 0);
  const q75 = quantile(0.75, q25.j + 1 <= n - 1 ? q25.j + 1 : q25.j);
  return q75.value - q25.value;
}

interface SampleMoments {
  /** The 4 feature means, numpy's pairwise order. */
  mean: Float64Array;
  /** Row-major 4 × 4 biased covariance of the features. */
  cov: Float64Array;
}

/**
 * Means and biased covariance of (cos t1·x, cos t2·x, sin t1·x, sin t2·x), as
 * scipy forms them: np.cov (center by the pairwise mean, Gram matrix, scaled
 * by 1/(n − 1)), then · (n − 1) / n.
 */
function featureMoments(x: Float64Array, ts1: number, ts2: number): SampleMoments {
  const n = x.length;
  const features = new Float64Array(FEATURES * n);
  for (let i = 0; i < n; i++) {
    const a1 = ts1 * x[i];
    const a2 = ts2 * x[i];
    features[i] = Math.cos(a1);
    features[n + i] = Math.cos(a2);
    features[2 * n + i] = Math.sin(a1);
    features[3 * n + i] = Math.sin(a2);
  }
  const mean = new Float64Array(FEATURES);
  for (let f = 0; f < FEATURES; f++) mean[f] = pairwiseSum(features, f * n, n) / n;

  // Centered Gram matrix (10 distinct sums). numpy hands this to BLAS, whose
  // order cannot be matched; blocks of 256 keep the rounding growth near
  // 256 + n/256 terms instead of n.
  const m0 = mean[0];
  const m1 = mean[1];
  const m2 = mean[2];
  const m3 = mean[3];
  const total = new Float64Array(10);
  for (let start = 0; start < n; start += 256) {
    const stop = Math.min(start + 256, n);
    let s00 = 0;
    let s01 = 0;
    let s02 = 0;
    let s03 = 0;
    let s11 = 0;
    let s12 = 0;
    let s13 = 0;
    let s22 = 0;
    let s23 = 0;
    let s33 = 0;
    for (let i = start; i < stop; i++) {
      const d0 = features[i] - m0;
      const d1 = features[n + i] - m1;
      const d2 = features[2 * n + i] - m2;
      const d3 = features[3 * n + i] - m3;
      s00 += d0 * d0;
      s01 += d0 * d1;
      s02 += d0 * d2;
      s03 += d0 * d3;
      s11 += d1 * d1;
      s12 += d1 * d2;
      s13 += d1 * d3;
      s22 += d2 * d2;
      s23 += d2 * d3;
      s33 += d3 * d3;
    }
    total[0] += s00;
    total[1] += s01;
    total[2] += s02;
    total[3] += s03;
    total[4] += s11;
    total[5] += s12;
    total[6] += s13;
    total[7] += s22;
    total[8] += s23;
    total[9] += s33;
  }
  const cov = new Float64Array(FEATURES * FEATURES);
  const scale = 1 / (n - 1); // np.cov multiplies by true_divide(1, fact)
  let k = 0;
  for (let r = 0; r < FEATURES; r++) {
    for (let c = r; c < FEATURES; c++) {
      const v = (total[k++] * scale * (n - 1)) / n;
      cov[r * FEATURES + c] = v;
      cov[c * FEATURES + r] = v;
    }
  }
  return { mean, cov };
}

/** What W is formed from: the feature mean difference and the weighted covariance. */
export interface EppsSingletonMoments {
  /** Mean of each of the 4 features in x minus its mean in y. */
  g: Float64Array;
  /** Row-major 4 × 4: (n / nx) · cov(x features) + (n / ny) · cov(y features), biased. */
  estCov: Float64Array;
}

/**
 * The moments {@link eppsSingleton2samp} pseudo-inverts and weighs, or null
 * where it returns NaN before forming them (fewer than 5 observations, a
 * non-finite value, a zero pooled interquartile range). Exported for tests,
 * which bound rounding by the condition number of `estCov`.
 */
export function eppsSingletonMoments(x: Float64Array, y: Float64Array): EppsSingletonMoments | null {
  const nx = x.length;
  const ny = y.length;
  if (nx < 5 || ny < 5) return null;
  for (let i = 0; i < nx; i++) if (!Number.isFinite(x[i])) return null;
  for (let i = 0; i < ny; i++) if (!Number.isFinite(y[i])) return null;
  const n = nx + ny;

  const sigma = pooledIqr(x, y) / 2;
  if (!(sigma > 0)) return null;
  const ts1 = T1 / sigma;
  const ts2 = T2 / sigma;

  const mx = featureMoments(x, ts1, ts2);
  const my = featureMoments(y, ts1, ts2);
  const wx = n / nx;
  const wy = n / ny;
  const estCov = new Float64Array(FEATURES * FEATURES);
  for (let k = 0; k < FEATURES * FEATURES; k++) estCov[k] = wx * mx.cov[k] + wy * my.cov[k];
  const g = new Float64Array(FEATURES);
  for (let f = 0; f < FEATURES; f++) g[f] = mx.mean[f] - my.mean[f];
  return { g, estCov };
}

/**
 * Epps–Singleton two-sample test on the empirical characteristic function;
 * reproduces `scipy.stats.epps_singleton_2samp(x, y)` with the default
 * t = (0.4, 0.8) (scipy 1.17.1).
 *
 * t is rescaled by half the interquartile range of the pooled sample, the
 * covariance of the 4 cos/sin features is pseudo-inverted with the array-API
 * cut-off (n·eps relative, see {@link symmetricPinv}), W is chi² with
 * df = rank of that pseudo-inverse, and when max(n1, n2) < 25 W is multiplied
 * by scipy's small-sample factor 1 / (1 + n^−0.45 + 10.1·(n1^−1.7 + n2^−1.7)).
 *
 * Preconditions: no NaN. Returns NaN fields, where scipy returns NaN or
 * raises, when:
 * - either side has fewer than 5 observations (scipy: NaN);
 * - any value is infinite (scipy: NaN);
 * - the pooled interquartile range is 0, e.g. constant or mostly-tied data
 *   (scipy raises LinAlgError "SVD did not converge").
 * When the features are exactly constant within each sample (each side
 * constant) the covariance is 0: statistic 0 and pValue NaN, as in scipy.
 *
 * O(n1 + n2) (trigonometry dominates); allocates the pooled sample plus 4
 * doubles per observation of one side at a time. Inputs are not modified.
 */
export function eppsSingleton2samp(x: Float64Array, y: Float64Array): EppsSingletonResult {
  const nx = x.length;
  const ny = y.length;
  const moments = eppsSingletonMoments(x, y);
  if (moments === null) return { statistic: Number.NaN, pValue: Number.NaN };
  const { g, estCov } = moments;
  const n = nx + ny;
  const { pinv, rankOfPinv } = symmetricPinv(estCov, FEATURES);

  let quad = 0;
  for (let r = 0; r < FEATURES; r++) {
    let h = 0;
    for (let c = 0; c < FEATURES; c++) h += pinv[r * FEATURES + c] * g[c];
    quad += g[r] * h;
  }
  let w = n * quad;
  if (Math.max(nx, ny) < 25) {
    w *= 1.0 / (1.0 + n ** -0.45 + 10.1 * (nx ** -1.7 + ny ** -1.7));
  }
  // A zero covariance leaves df = 0, where scipy's chdtrc(0, 0) is NaN.
  return { statistic: w, pValue: rankOfPinv === 0 ? Number.NaN : chi2Sf(w, rankOfPinv) };
}
