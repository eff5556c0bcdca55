import { Xoshiro128 } from '@driftwatch/core';

export { Xoshiro128 };

/** Seeded generator; `seed` is taken modulo 2^32. */
export function createRng(seed: number): Xoshiro128 {
  return new Xoshiro128(seed);
}

/** In-place Fisher–Yates shuffle (i from the end, j uniform in [0, i]). */
export function shuffle(a: Int32Array | Float64Array, rng: Xoshiro128): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.nextBelow(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/**
 * Partial Fisher–Yates: afterwards a[0..m) is a uniformly random m-subset of
 * the elements (in random order); costs m draws instead of a.length.
 */
export function partialShuffle(a: Int32Array | Float64Array, m: number, rng: Xoshiro128): void {
  const n = a.length;
  const top = Math.min(m, n - 1);
  for (let i = 0; i < top; i++) {
    const j = i + rng.nextBelow(n - i);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/**
 * Floyd's algorithm: k distinct indices drawn uniformly from [0, n), returned sorted.
 * Costs k draws and O(k log k), independent of n.
 */
export function sampleIndices(n: number, k: number, rng: Xoshiro128): Int32Array {
  if (k >= n) {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = rng.nextBelow(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  const out = Int32Array.from(chosen);
  out.sort();
  return out;
}

/**
 * One draw of the hypergeometric law: successes among `draws` items taken without replacement from `good`
 * successes and `bad` failures. Exact inversion: weights relative to the mode (term ratios of the pmf),
 * their total W summed until negligible, then u·W is spent from the mode outwards (mode, mode-1, mode+1, ...).
 * Uses one `nextDouble` unless the support is a single point. Cost O(sd) per draw.
 */
export function hypergeometric(good: number, bad: number, draws: number, rng: Xoshiro128): number {
  const lo = Math.max(0, draws - bad);
  const hi = Math.min(good, draws);
  if (lo >= hi) return lo;
  const mode = Math.floor(((draws + 1) * (good + 1)) / (good + bad + 2));
  const shift = bad - draws;
  let total = 1;
  let w = 1;
  for (let x = mode; x < hi; x++) {
    w *= ((good - x) * (draws - x)) / ((x + 1) * (shift + x + 1));
    total += w;
    if (w < total * 1e-17) break;
  }
  w = 1;
  for (let x = mode; x > lo; x--) {
    w *= (x * (shift + x)) / ((good - x + 1) * (draws - x + 1));
    total += w;
    if (w < total * 1e-17) break;
  }
  let t = rng.nextDouble() * total - 1;
  if (t < 0) return mode;
  let l = mode;
  let h = mode;
  let wl = 1;
  let wh = 1;
  for (;;) {
    let moved = false;
    if (l > lo) {
      wl *= (l * (shift + l)) / ((good - l + 1) * (draws - l + 1));
      l--;
      t -= wl;
      if (t < 0) return l;
      moved = true;
    }
    if (h < hi) {
      wh *= ((good - h) * (draws - h)) / ((h + 1) * (shift + h + 1));
      h++;
      t -= wh;
      if (t < 0) return h;
      moved = true;
    }
    if (!moved) return mode;
  }
}
