/** mulberry32: a small seeded PRNG of uniforms in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The q-quantile of ascending `sorted` with linear interpolation (numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.min(sorted.length - 1, low + 1);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (position - low);
}

/**
 * Percentile bootstrap interval of the mean of `values`: `resamples` resamples with replacement
 * drawn with a PRNG seeded by `seed` (same input and seed → same interval), the `(1−level)/2`
 * and `(1+level)/2` quantiles of their means. A paired interval is this applied to the
 * differences. Undefined for an empty sample.
 */
export function bootstrapMeanCi(
  values: ArrayLike<number>,
  options: { readonly resamples?: number; readonly seed?: number; readonly level?: number } = {},
): { readonly low: number; readonly high: number } | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  const random = seededRandom(options.seed ?? 1);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(random() * n)] ?? 0;
    means[r] = sum / n;
  }
  means.sort();
  return { low: quantileSorted(means, (1 - level) / 2), high: quantileSorted(means, (1 + level) / 2) };
}
