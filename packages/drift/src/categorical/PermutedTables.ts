import type { Xoshiro128 } from '@driftwatch/core';
import { createRng, hypergeometric } from '../special/rng.js';

/**
 * How a permuted table is drawn. `shuffle`: partial Fisher–Yates of the pooled codes, O(min(n_ref, n_cur))
 * per table; `counts`: the same law drawn directly, column by column, as hypergeometric counts,
 * O(k·sqrt(n)) per table; `auto` (default) takes the cheaper one.
 */
export type TableSampler = 'auto' | 'shuffle' | 'counts';

/**
 * Random 2 × k tables with the margins of an observed one: the tables of the permutations of the pooled
 * sample (each relabelling keeps both sample sizes). A relabelling only matters through the column counts
 * of the smaller side, a uniformly random subset of the pool, whose law is multivariate hypergeometric.
 * Small pools draw it by a partial Fisher–Yates shuffle of the pooled codes, large ones as one
 * hypergeometric count per column (see {@link TableSampler}); the choice and the draws are those of
 * Driftwatch's `tvd` (and of its Python twin in scripts/reference), so permutation p-values can be pinned
 * by fixtures. No allocation per table.
 */
export class PermutedTables {
  /** Reference-row counts of the latest table ({@link next}). */
  readonly reference: Int32Array;
  readonly #columns: Int32Array;
  readonly #total: number;
  readonly #sampleIsRef: boolean;
  readonly #size: number;
  readonly #drawn: Int32Array;
  readonly #pool: Int32Array | null;
  readonly #rng: Xoshiro128;

  /**
   * @param reference reference counts per column (every column with a positive total)
   * @param current current counts per column, same length
   */
  constructor(reference: Int32Array, current: Int32Array, seed: number, sampler: TableSampler = 'auto') {
    const k = reference.length;
    let n1 = 0;
    let n2 = 0;
    this.#columns = new Int32Array(k);
    for (let j = 0; j < k; j++) {
      n1 += reference[j];
      n2 += current[j];
      this.#columns[j] = reference[j] + current[j];
    }
    this.#total = n1 + n2;
    this.#sampleIsRef = n1 <= n2;
    this.#size = this.#sampleIsRef ? n1 : n2;
    const s = this.#size;
    const useCounts = sampler === 'counts' || (sampler === 'auto' && k * (16 * Math.sqrt(s) + 16) < s);
    this.#drawn = new Int32Array(k);
    this.reference = new Int32Array(k);
    this.#rng = createRng(seed);
    this.#pool = null;
    if (!useCounts) {
      const pool = new Int32Array(this.#total);
      for (let j = 0, p = 0; j < k; j++) {
        pool.fill(j, p, p + this.#columns[j]);
        p += this.#columns[j];
      }
      this.#pool = pool;
    }
  }

  /** Draws the next table; returns its reference row ({@link reference}, overwritten by the next call). */
  next(): Int32Array {
    const k = this.#columns.length;
    const drawn = this.#drawn;
    const pool = this.#pool;
    const rng = this.#rng;
    const s = this.#size;
    if (pool === null) {
      let remaining = this.#total;
      let left = s;
      for (let j = 0; j < k - 1; j++) {
        const t = this.#columns[j];
        const x = hypergeometric(t, remaining - t, left, rng);
        drawn[j] = x;
        remaining -= t;
        left -= x;
      }
      drawn[k - 1] = left;
    } else {
      drawn.fill(0);
      const total = this.#total;
      // Partial Fisher–Yates (the draws of rng.ts `partialShuffle`; s < total), counting the drawn codes as they land.
      for (let i = 0; i < s; i++) {
        const j = i + rng.nextBelow(total - i);
        const v = pool[j];
        pool[j] = pool[i];
        pool[i] = v;
        drawn[v]++;
      }
    }
    const out = this.reference;
    if (this.#sampleIsRef) out.set(drawn);
    else for (let j = 0; j < k; j++) out[j] = this.#columns[j] - drawn[j];
    return out;
  }
}
