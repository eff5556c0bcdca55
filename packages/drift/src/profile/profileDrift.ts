import { DISCRETE_VALUES_LIMIT, fillZeroShares } from '../binned/binnedShares.js';
import { hellinger } from '../binned/hellinger.js';
import { jensenShannon } from '../binned/jensenShannon.js';
import { klDivergence } from '../binned/klDivergence.js';
import { psi } from '../binned/psi.js';
import type { DriftMethod } from '../methods/DriftMethod.js';
import { kstwoSf } from '../special/kolmogorov.js';
import type { NumericProfile } from './NumericProfile.js';

/** The methods a numeric column summarised into profiles can be tested with. */
export const profileMethods = ['ks', 'wasserstein', 'psi', 'kl_div', 'jensenshannon', 'hellinger'] as const;

/** What a method gives on two profiles: the statistic, and for the sketch path its bound. */
export interface ProfileOutput {
  readonly path: 'histogram' | 'sketch';
  readonly statistic: number;
  readonly pValue: number | null;
  readonly bound?: { readonly statistic: number; readonly pValue?: readonly [number, number] };
  /** Why the method cannot run on these profiles. */
  readonly skipped?: string;
}

/**
 * Runs `method` on two numeric profiles counted on shared bins (`planProfileBins`).
 *
 * - psi, kl_div, jensenshannon, hellinger: the shares of `binnedShares` built from exact
 *   counts on the same bins (sturges edges, or one bin per distinct value when the reference
 *   has at most 20), so the result is the in-memory one to the last bit.
 * - ks and wasserstein: bounded from the CDF histogram. At every edge e both empirical CDFs
 *   are known exactly; between two edges each lies between its values at them, which brackets
 *   sup|F_r − F_c| (KS) and ∫|F_r − F_c| (scipy's `wasserstein_distance`) per cell. The statistic
 *   is the middle of the bracket (KS) or the integral of the linearly interpolated CDFs clamped
 *   into it (Wasserstein); `bound` is the largest distance to the bracket's ends — a hard bound,
 *   not a probability. KS's p-value is scipy's asymptotic `kstwo.sf(D, round(n·m/(n+m)))` with its
 *   interval from the bracket (it falls as D grows). Wasserstein is normed by the reference's
 *   standard deviation from the streamed moments (equal to `np.std` up to rounding).
 */
export function profileDrift(method: DriftMethod, reference: NumericProfile, current: NumericProfile): ProfileOutput {
  switch (method.name) {
    case 'psi':
    case 'kl_div':
    case 'jensenshannon':
    case 'hellinger':
      return binned(method, reference, current);
    case 'ks':
      return ks(reference, current);
    case 'wasserstein':
      return wasserstein(reference, current);
    default:
      throw new RangeError(`${method.name} cannot run on profiles (methods that can: ${profileMethods.join(', ')})`);
  }
}

function binned(method: DriftMethod, reference: NumericProfile, current: NumericProfile): ProfileOutput {
  const fill = method.name === 'psi' || method.name === 'kl_div';
  let refCounts: Float64Array;
  let curCounts: Float64Array;
  const refDistinct = reference.distinct;
  if (refDistinct !== null && refDistinct.size <= DISCRETE_VALUES_LIMIT) {
    const curDistinct = current.distinct;
    if (curDistinct === null) {
      return {
        path: 'histogram',
        statistic: Number.NaN,
        pValue: null,
        skipped: `${method.name} bins the reference's ≤ ${DISCRETE_VALUES_LIMIT} values with every value of the current data, which has too many distinct values to count within the memory budget`,
      };
    }
    const values = [...new Set([...refDistinct.keys(), ...curDistinct.keys()])].sort((x, y) => x - y);
    refCounts = Float64Array.from(values, (v) => refDistinct.get(v) ?? 0);
    curCounts = Float64Array.from(values, (v) => curDistinct.get(v) ?? 0);
  } else if (reference.sturgesCounts && current.sturgesCounts) {
    refCounts = reference.sturgesCounts;
    curCounts = current.sturgesCounts;
  } else {
    // numpy raised on the edges: the in-memory path's NaN shares.
    refCounts = new Float64Array([Number.NaN]);
    curCounts = new Float64Array([Number.NaN]);
  }
  const r = shares(refCounts, reference.n);
  const c = shares(curCounts, current.n);
  if (fill) {
    fillZeroShares(r);
    fillZeroShares(c);
  }
  const f =
    method.name === 'psi' ? psi : method.name === 'kl_div' ? klDivergence : method.name === 'jensenshannon' ? jensenShannon : hellinger;
  return { path: 'histogram', statistic: f(r, c), pValue: null };
}

function shares(counts: Float64Array, n: number): Float64Array {
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i] / n;
  return out;
}

/**
 * Empirical CDFs of both sides at each CDF edge: `at[j]` = F(e_j) (share of values ≤ e_j) and
 * `below[j]` = F(e_j⁻) (share < e_j); between e_{j-1} and e_j the CDF lies in [at[j-1], below[j]].
 */
function cdfs(profile: NumericProfile): { at: Float64Array; below: Float64Array } {
  const { cdfEdges: edges, cdfCounts: inside, edgeCounts: onEdge, n } = profile;
  if (edges === null || inside === null || onEdge === null) throw new Error('profile not binned');
  const at = new Float64Array(edges.length);
  const below = new Float64Array(edges.length);
  let s = 0;
  for (let j = 0; j < edges.length; j++) {
    s += inside[j];
    below[j] = s / n;
    s += onEdge[j];
    at[j] = s / n;
  }
  return { at, below };
}

function ks(reference: NumericProfile, current: NumericProfile): ProfileOutput {
  const r = cdfs(reference);
  const c = cdfs(current);
  let lo = 0;
  let hi = 0;
  for (let j = 0; j < r.at.length; j++) {
    const at = Math.abs(r.at[j] - c.at[j]);
    if (at > lo) lo = at;
    if (at > hi) hi = at;
    if (j > 0) {
      // Inside (e_{j-1}, e_j): F_r in [r.at[j-1], r.below[j]], F_c in [c.at[j-1], c.below[j]].
      const inside = Math.max(r.below[j] - c.at[j - 1], c.below[j] - r.at[j - 1]);
      if (inside > hi) hi = inside;
    }
  }
  hi = Math.min(hi, 1);
  const d = (lo + hi) / 2;
  const n1 = reference.n;
  const n2 = current.n;
  const en = roundHalfEven((Math.max(n1, n2) * Math.min(n1, n2)) / (n1 + n2));
  const p = (x: number) => Math.min(Math.max(kstwoSf(x, en), 0), 1);
  return { path: 'sketch', statistic: d, pValue: p(d), bound: { statistic: (hi - lo) / 2, pValue: [p(hi), p(lo)] } };
}

function wasserstein(reference: NumericProfile, current: NumericProfile): ProfileOutput {
  const edges = reference.cdfEdges as Float64Array;
  const r = cdfs(reference);
  const c = cdfs(current);
  let lo = 0;
  let hi = 0;
  let estimate = 0;
  for (let j = 1; j < edges.length; j++) {
    const w = edges[j] - edges[j - 1];
    const a = r.at[j - 1] - c.at[j - 1];
    const b = r.below[j] - c.below[j];
    const cellHi = w * Math.max(r.below[j] - c.at[j - 1], c.below[j] - r.at[j - 1], 0);
    const cellLo = w * Math.max(r.at[j - 1] - c.below[j], c.at[j - 1] - r.below[j], 0);
    // ∫₀¹ |a + (b − a)t| dt: the CDFs interpolated linearly across the cell.
    const sa = Math.abs(a);
    const sb = Math.abs(b);
    const cell = sa + sb === 0 ? 0 : w * (a >= 0 === b >= 0 ? (sa + sb) / 2 : (a * a + b * b) / (2 * (sa + sb)));
    lo += cellLo;
    hi += cellHi;
    estimate += Math.min(Math.max(cell, cellLo), cellHi);
  }
  const scale = Math.max(reference.std(), 0.001);
  const bound = Math.max(estimate - lo, hi - estimate);
  return { path: 'sketch', statistic: estimate / scale, pValue: null, bound: { statistic: bound / scale } };
}

/** NumPy's round (half to even), as scipy rounds the effective sample size. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
