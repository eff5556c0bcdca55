import { readFileSync } from 'node:fs';
import type { DataDesc, Num } from '../../binned/__fixtures__/binnedCategoricalFixture.js';

/** One reference answer: [statistic, p-value, degrees of freedom]. */
export type ContingencyAnswer = [statistic: Num, pValue: Num, df: number];

interface Answers {
  k: number;
  chi2Contingency: ContingencyAnswer;
  gContingency: ContingencyAnswer;
}

/** scripts/reference/gen_contingency.py's output. */
export interface ContingencyFixture {
  numpy: string;
  scipy: string;
  samples: (Answers & { name: string; reference: DataDesc; current: DataDesc; nCategories: number })[];
  counts: (Answers & { name: string; referenceCounts: number[]; currentCounts: number[] })[];
  /** Rows: the 2k cells (reference row, then current row), then χ², p, G, p. */
  exhaustive: Record<'2x2' | '2x3', { maxCell: number; rows: number[][] }>;
}

let cached: ContingencyFixture | undefined;

export function loadContingencyFixture(): ContingencyFixture {
  cached ??= JSON.parse(readFileSync(new URL('./contingency.json', import.meta.url), 'utf8')) as ContingencyFixture;
  return cached;
}
