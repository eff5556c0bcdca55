import { readFileSync } from 'node:fs';
import type { DataDesc } from '../../binned/__fixtures__/binnedCategoricalFixture.js';

/** scipy's own permutation p-value (another random stream: agreement within Monte Carlo error only). */
export interface ScipyPermutation {
  resamples: number;
  pValue: number;
}

interface Answer {
  name: string;
  statistic: number;
  pValue: number;
  scipyPermutation?: ScipyPermutation;
}

/** scripts/reference/gen_permutation.py's output. */
export interface PermutationFixture {
  chi2: (Answer & { k: number; reference: DataDesc; current: DataDesc; nCategories: number })[];
  chi2Counts: (Answer & { k: number; referenceCounts: number[]; currentCounts: number[]; seed: number })[];
  ks: (Answer & { distinct: number; reference: DataDesc; current: DataDesc; seed: number })[];
}

let cached: PermutationFixture | undefined;

export function loadPermutationFixture(): PermutationFixture {
  cached ??= JSON.parse(readFileSync(new URL('./permutation.json', import.meta.url), 'utf8')) as PermutationFixture;
  return cached;
}

/** |ours − scipy's| within 4 standard errors of the difference of two Monte Carlo p-values. */
export function withinMonteCarloError(ours: number, permutations: number, scipy: ScipyPermutation): boolean {
  const p = (ours + scipy.pValue) / 2;
  const se = Math.sqrt(p * (1 - p) * (1 / permutations + 1 / scipy.resamples));
  return Math.abs(ours - scipy.pValue) <= 4 * se;
}
