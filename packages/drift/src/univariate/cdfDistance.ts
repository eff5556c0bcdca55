import { ascending } from '../special/ascending.js';

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
 * inputs are not modified. `sorted`: the caller knows both are ascending (the
 * engine's sorted samples), so they are walked as they are, unchecked.
 */
export function cdfDistance(p: 1 | 2, u: Float64Array, v: Float64Array, sorted = false): number {
  const nu = u.length;
  const nv = v.length;
  if (nu === 0 || nv === 0) return Number.NaN;
  const us = sorted ? u : ascending(u);
  const vs = sorted ? v : ascending(v);
  // i, j, current, sum, compensation: the walk's state between blocks.
  const state = Float64Array.of(0, 0, Math.min(us[0], vs[0]), 0, 0);
  while (!walkBlock(p, us, vs, state, 65536));
  const integral = state[3] + state[4];
  return p === 1 ? integral : Math.sqrt(integral);
}

/**
 * Up to `steps` steps of the merged walk; true when it is done. The walk is cut
 * into blocks so V8 optimises this function as a whole after a few calls: a
 * single long-running loop only gets on-stack-replaced code, which boxes the
 * loop's doubles and allocated ~100 MB per 1 000 000-row column.
 */
function walkBlock(p: 1 | 2, us: Float64Array, vs: Float64Array, state: Float64Array, steps: number): boolean {
  const nu = us.length;
  const nv = vs.length;
  let i = state[0] | 0;
  let j = state[1] | 0;
  let current = state[2];
  let sum = state[3];
  let compensation = state[4];
  let done = false;
  for (let step = 0; step < steps; step++) {
    while (i < nu && us[i] <= current) i++;
    while (j < nv && vs[j] <= current) j++;
    if (i === nu && j === nv) {
      done = true;
      break;
    }
    const x = i < nu ? us[i] : Number.POSITIVE_INFINITY;
    const y = j < nv ? vs[j] : Number.POSITIVE_INFINITY;
    // biome-ignore lint/complexity/useMathMinMax: hot loop over finite values; the ternary avoids Math.min's NaN and -0 handling
    const next = x < y ? x : y;

    const diff = i / nu - j / nv;
    const term = (p === 1 ? Math.abs(diff) : diff * diff) * (next - current);
    const t = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
    current = next;
  }
  state[0] = i;
  state[1] = j;
  state[2] = current;
  state[3] = sum;
  state[4] = compensation;
  return done;
}
