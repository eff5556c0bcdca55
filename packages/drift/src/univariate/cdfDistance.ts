import { sortedCopy } from '../special/sortedCopy.js';

/**
 * scipy's `_cdf_distance(p, u, v)` for unweighted samples, p = 1 or 2:
 * (∫ |U(x) − V(x)|^p dx)^(1/p) between the two empirical CDFs.
 *
 * Works on sorted copies and walks the merged order once: between consecutive
 * distinct values the CDFs are the constants i/nu and j/nv (computed, as scipy
 * does, as index / size), and each term |U − V|^p · Δx is formed with scipy's
 * operations. Tied values contribute Δx = 0 terms in scipy and are skipped
 * here. The terms are added with Neumaier compensation: scipy's BLAS dot
 * order cannot be reproduced, so both are kept close to the exact sum instead.
 *
 * Preconditions: no NaN; finite values. Either side empty returns NaN (scipy
 * raises). O(nu + nv) past the radix-sort threshold, O(n log n) below it;
 * inputs are not modified.
 */
export function cdfDistance(p: 1 | 2, u: Float64Array, v: Float64Array): number {
  const nu = u.length;
  const nv = v.length;
  if (nu === 0 || nv === 0) return Number.NaN;
  const us = sortedCopy(u);
  const vs = sortedCopy(v);

  let i = 0;
  let j = 0;
  let current = Math.min(us[0], vs[0]);
  let sum = 0;
  let compensation = 0;
  for (;;) {
    while (i < nu && us[i] <= current) i++;
    while (j < nv && vs[j] <= current) j++;
    if (i === nu && j === nv) break;
    let next: number;
    if (i === nu) next = vs[j];
    else if (j === nv) next = us[i];
    else next = Math.min(us[i], vs[j]);

    const diff = i / nu - j / nv;
    const term = (p === 1 ? Math.abs(diff) : diff * diff) * (next - current);
    const t = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
    current = next;
  }
  const integral = sum + compensation;
  return p === 1 ? integral : Math.sqrt(integral);
}
