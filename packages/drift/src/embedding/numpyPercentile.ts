/**
 * numpy's default `np.percentile(values, 100 * q)` (method `linear`): the sorted values interpolated
 * at position q·(n − 1), with numpy's `_lerp` (from the upper end when the fraction is ≥ 0.5).
 */
export function numpyPercentile(values: Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const t = h - lo;
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
