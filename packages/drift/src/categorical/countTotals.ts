import { checkedLength } from '../binned/psi.js';

/** The sizes both two-sample count tests start from, and the result when there is nothing to test. */
export interface CountTotals {
  /** Categories in the arrays (present or not). */
  readonly n: number;
  readonly nRef: number;
  readonly nCur: number;
  /** Categories present in either sample. */
  readonly k: number;
  /** Set when the test is decided before any term: an empty side (NaN fields) or one category (statistic 0, p = 1). */
  readonly degenerate?: { readonly statistic: number; readonly pValue: number; readonly df: number };
}

/** Sample sizes and present categories of two count arrays (same index = same category). */
export function countTotals(referenceCounts: ArrayLike<number>, currentCounts: ArrayLike<number>): CountTotals {
  const n = checkedLength(referenceCounts, currentCounts);
  let nRef = 0;
  let nCur = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    nRef += referenceCounts[i];
    nCur += currentCounts[i];
    if (referenceCounts[i] + currentCounts[i] > 0) k++;
  }
  if (nRef === 0 || nCur === 0) return { n, nRef, nCur, k, degenerate: { statistic: Number.NaN, pValue: Number.NaN, df: Number.NaN } };
  if (k === 1) return { n, nRef, nCur, k, degenerate: { statistic: 0, pValue: 1, df: 0 } };
  return { n, nRef, nCur, k };
}
