import { chi2Sf } from '../special/distributions.js';

/** Sorted values with a weight each: a KLL sketch's items, or a bucket histogram's upper bounds. */
export interface WeightedValues {
  readonly values: Float64Array;
  readonly weights: Float64Array;
}

/** The default c(α) of Deequ's robust L-infinity (α = 0.003; Knuth, TAOCP vol. 2, §3.3.1, eq. 15). */
export const robustCAlpha = 1.8;

/** The items of a KLL sketch's `data` (level h weighs 2^h), sorted, equal values merged. */
export function weightedValuesOfSketch(data: readonly (readonly number[])[]): WeightedValues {
  const pairs: [number, number][] = [];
  data.forEach((level, h) => {
    for (const v of level) pairs.push([v, 2 ** h]);
  });
  return mergePairs(pairs);
}

/**
 * A bucket histogram as a step CDF: each bucket's count at its upper bound.
 * Used when a `statistics.json` has buckets but no sketch; its CDF is known only at
 * the upper bounds, so compare there ({@link numericLInfinity}'s `at`).
 */
export function weightedValuesOfBuckets(buckets: readonly { readonly upper_bound: number; readonly count: number }[]): WeightedValues {
  return mergePairs(buckets.filter((b) => b.count > 0).map((b) => [b.upper_bound, b.count] as [number, number]));
}

/** Present values of a sample, sorted, each of weight 1. */
export function weightedValuesOfSample(values: Float64Array): WeightedValues {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  const sorted = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) sorted[j++] = values[i];
  sorted.sort();
  return { values: sorted, weights: new Float64Array(n).fill(1) };
}

function mergePairs(pairs: [number, number][]): WeightedValues {
  pairs.sort((a, b) => a[0] - b[0]);
  const values: number[] = [];
  const weights: number[] = [];
  for (const [v, w] of pairs) {
    if (values.length > 0 && values[values.length - 1] === v) weights[weights.length - 1] += w;
    else {
      values.push(v);
      weights.push(w);
    }
  }
  return { values: Float64Array.from(values), weights: Float64Array.from(weights) };
}

/** A distance with the totals it was computed from. */
export interface LInfinityDistance {
  /** The largest absolute difference of the two CDFs (numeric) or shares (categorical). */
  readonly simple: number;
  /** `max(0, simple − c(α)·√((n+m)/(n·m)))`, Deequ's small-sample correction. */
  readonly robust: number;
  readonly n: number;
  readonly m: number;
}

function withRobust(simple: number, n: number, m: number): LInfinityDistance {
  const robust = n > 0 && m > 0 ? Math.max(0, simple - robustCAlpha * Math.sqrt((n + m) / (n * m))) : Number.NaN;
  return { simple, robust, n, m };
}

/**
 * Deequ's `numericalDistance`, which Model Monitor's baseline drift check runs on KLL
 * sketches: the largest |F₁(x) − F₂(x)| over every retained value x of either side,
 * F being the weighted rank (values ≤ x) over the total weight. With `at`, only at
 * those points (the upper bounds of a baseline known by its buckets alone).
 */
export function numericLInfinity(a: WeightedValues, b: WeightedValues, at?: Float64Array): LInfinityDistance {
  const n = total(a.weights);
  const m = total(b.weights);
  if (n === 0 || m === 0) return { simple: Number.NaN, robust: Number.NaN, n, m };
  if (at) {
    let max = 0;
    for (const x of at) {
      const d = Math.abs(rankAt(a, x) / n - rankAt(b, x) / m);
      if (d > max) max = d;
    }
    return withRobust(max, n, m);
  }
  let i = 0;
  let j = 0;
  let ca = 0;
  let cb = 0;
  let max = 0;
  while (i < a.values.length || j < b.values.length) {
    const x = j >= b.values.length || (i < a.values.length && a.values[i] <= b.values[j]) ? a.values[i] : b.values[j];
    while (i < a.values.length && a.values[i] === x) ca += a.weights[i++];
    while (j < b.values.length && b.values[j] === x) cb += b.weights[j++];
    const d = Math.abs(ca / n - cb / m);
    if (d > max) max = d;
  }
  return withRobust(max, n, m);
}

/** Deequ's categorical L-infinity: the largest difference of category shares over the categories of either side. */
export function categoricalLInfinity(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): LInfinityDistance {
  const n = total(a.values());
  const m = total(b.values());
  if (n === 0 || m === 0) return { simple: Number.NaN, robust: Number.NaN, n, m };
  let max = 0;
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const d = Math.abs((a.get(key) ?? 0) / n - (b.get(key) ?? 0) / m);
    if (d > max) max = d;
  }
  return withRobust(max, n, m);
}

/** A chi-square goodness-of-fit result: statistic, degrees of freedom and p-value; NaN when fewer than 2 categories remain. */
export interface ChiSquaredFit {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
}

/**
 * Deequ's `categoricalChiSquareTest` (Model Monitor's `ChiSquared` categorical drift method):
 * the current counts of the baseline's categories against the baseline shares scaled to
 * their total; while too many expected counts are small (2 categories: any below 10,
 * Cochran; more: over 20 % of them below 5, Yates) the smallest category is merged into
 * the next smallest. Categories the baseline never saw are left out, as Deequ does.
 */
export function categoricalChiSquared(current: ReadonlyMap<string, number>, baseline: ReadonlyMap<string, number>): ChiSquaredFit {
  let sampleSum = 0;
  for (const [k, v] of current) if (baseline.has(k)) sampleSum += v;
  const expectedSum = total(baseline.values());
  const expected = new Map<string, number>();
  const sample = new Map<string, number>();
  for (const [k, v] of baseline) {
    expected.set(k, (v / expectedSum) * sampleSum);
    sample.set(k, current.get(k) ?? 0);
  }
  for (;;) {
    if (expected.size < 2) break;
    const perColumn = expected.size > 2 ? 5 : 10;
    const maxBelow = expected.size > 2 ? Math.trunc(0.2 * expected.size) : 0;
    let below = 0;
    for (const v of expected.values()) if (v < perColumn) below++;
    if (below <= maxBelow) break;
    const [minKey, minValue] = smallest(expected);
    const sampleMin = sample.get(minKey) ?? 0;
    expected.delete(minKey);
    sample.delete(minKey);
    const [secondKey, secondValue] = smallest(expected);
    expected.set(secondKey, secondValue + minValue);
    sample.set(secondKey, (sample.get(secondKey) ?? 0) + sampleMin);
  }
  if (sample.size < 2) return { statistic: Number.NaN, df: Number.NaN, pValue: Number.NaN };
  // Spark's chiSqTest(observed, expected) rescales expected to the observed total.
  let obsTotal = 0;
  let expTotal = 0;
  for (const [k, v] of expected) {
    expTotal += v;
    obsTotal += sample.get(k) ?? 0;
  }
  if (obsTotal === 0) return { statistic: Number.NaN, df: Number.NaN, pValue: Number.NaN };
  let statistic = 0;
  for (const [k, v] of expected) {
    const e = (v / expTotal) * obsTotal;
    const o = sample.get(k) ?? 0;
    statistic += ((o - e) * (o - e)) / e;
  }
  const df = expected.size - 1;
  return { statistic, df, pValue: chi2Sf(statistic, df) };
}

/** Total weight of the values ≤ x. */
function rankAt(w: WeightedValues, x: number): number {
  let r = 0;
  for (let i = 0; i < w.values.length && w.values[i] <= x; i++) r += w.weights[i];
  return r;
}

function smallest(map: ReadonlyMap<string, number>): [string, number] {
  let best: [string, number] | undefined;
  for (const entry of map) if (best === undefined || entry[1] < best[1]) best = entry;
  return best!;
}

function total(values: Iterable<number>): number {
  let t = 0;
  for (const v of values) t += v;
  return t;
}
