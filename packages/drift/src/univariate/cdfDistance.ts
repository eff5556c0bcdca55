import { ascending } from '../special/ascending.js';

/**
 * scipy's `_cdf_distance(p, u, v)` for unweighted samples, p = 1 or 2:
 * (∫ |U(x) − V(x)|^p dx)^(1/p) between the two empirical CDFs.
 *
 * Works on sorted copies and walks the merged order once: between consecutive
 * distinct values the CDFs are the constants i/nu and j/nv (computed, as scipy
 * does, as index / size), and each term |U − V|^p · Δx is formed with scipy's
 * operations. Tied values contribute Δx = 0 terms in scipy; here they are
 * skipped or added as exact zeros (see {@link walkMerged}). The terms are added with Neumaier compensation: scipy's BLAS dot
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
  walkMerged(p, us, vs, state, 'adaptive');
  const integral = state[3] + state[4];
  return p === 1 ? integral : Math.sqrt(integral);
}

/** Steps a block of the walk takes before it looks again at which way fits the values. */
const blockSteps = 65536;

/**
 * The merged walk, block by block, in one of two ways that give the same sum to the bit:
 * - `distinct`: one step per distinct value, each side's ties skipped by a loop (a column of few
 *   values walks its runs of ties at a few nanoseconds a value);
 * - `elements`: one step per value, the side to advance chosen without a branch (where the two
 *   sides' values interleave, the distinct walk's branches are mispredicted about once a value;
 *   this walk is ~2.5× faster there). A tie is a step of width 0, whose term is exactly 0 and
 *   leaves the sum and its compensation as they were, so both walks add the same terms.
 *
 * `adaptive` (what {@link cdfDistance} uses) starts with the element walk and switches, block by
 * block, to the distinct walk when over 2/3 of the steps were ties, and back when a distinct step
 * skipped fewer than 3 values on average. The two others, and `steps` (a block's steps), are for tests.
 */
export function walkMerged(
  p: 1 | 2,
  us: Float64Array,
  vs: Float64Array,
  state: Float64Array,
  way: 'adaptive' | 'distinct' | 'elements',
  steps = blockSteps,
): void {
  const nu = us.length;
  const nv = vs.length;
  let elementWise = way !== 'distinct';
  for (;;) {
    const before = state[0] + state[1];
    if (elementWise && state[0] < nu && state[1] < nv) {
      const ties = walkElements(p, us, vs, state, steps);
      if (way === 'adaptive' && ties * 3 > (state[0] + state[1] - before) * 2) elementWise = false;
    } else {
      if (walkBlock(p, us, vs, state, steps)) return;
      if (way === 'adaptive' && state[0] + state[1] - before < 3 * steps) elementWise = true;
    }
  }
}

/** Where the element walk puts the two candidates for a step, so it picks one by index, not by a branch. */
const pick = new Float64Array(2);

/**
 * Up to `steps` values of the merged walk, one a step, while both sides have values left; returns
 * how many steps were ties (of width 0). The side whose next value is smaller (`u` on a tie) gives
 * the step's value; the CDFs before it are i/nu and j/nv, as in {@link walkBlock}. The compensated
 * step and the saving of the state are written out here and in {@link walkBlock} on purpose: a shared
 * helper (the sum and its compensation handed back through `state`) made the walk 12% slower.
 */
function walkElements(p: 1 | 2, us: Float64Array, vs: Float64Array, state: Float64Array, steps: number): number {
  const nu = us.length;
  const nv = vs.length;
  let i = state[0] | 0;
  let j = state[1] | 0;
  let current = state[2];
  let sum = state[3];
  let compensation = state[4];
  let ties = 0;
  for (let step = 0; step < steps && i < nu && j < nv; step++) {
    const x = us[i];
    const y = vs[j];
    const takeU = Number(x <= y);
    pick[0] = y;
    pick[1] = x;
    const next = pick[takeU];
    const diff = i / nu - j / nv;
    i += takeU;
    j += 1 - takeU;
    ties += Number(next === current);
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
  return ties;
}

/**
 * Up to `steps` distinct values of the merged walk; true when it is done. The walk is cut
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
