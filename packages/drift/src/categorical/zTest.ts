import { normSf } from '../special/distributions.js';

export interface TwoSampleTestResult {
  statistic: number;
  pValue: number;
}

/**
 * Evidently's `z` stattest: pooled two-proportion z-test, two-sided, on a binary column.
 * "Success" is the smallest code present in either sample (Evidently picks the first key of a set and
 * lumps every other value into the other class; with more than two codes present the same lumping applies).
 * z = (p1 - p2) / sqrt(P(1 - P)(1/n1 + 1/n2)) with p1 = successes_ref / n1, p2 = successes_cur / n2,
 * P = (p1·n1 + p2·n2) / (n1 + n2), evaluated in Evidently's order of operations; p = 2·norm.sf(|z|)
 * (`scipy.stats.norm.sf`, accurate in the tail where Evidently's 2·(1 - cdf) would round to 0).
 * Both samples holding the same single value: statistic 0, p = 1 (Evidently's rule). An empty side: NaN.
 */
export function zTest(reference: Int32Array, current: Int32Array): TwoSampleTestResult {
  const n1 = reference.length;
  const n2 = current.length;
  if (n1 === 0 || n2 === 0) return { statistic: Number.NaN, pValue: Number.NaN };
  let first = reference[0];
  for (let i = 1; i < n1; i++) if (reference[i] < first) first = reference[i];
  for (let i = 0; i < n2; i++) if (current[i] < first) first = current[i];
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n1; i++) if (reference[i] === first) s1++;
  for (let i = 0; i < n2; i++) if (current[i] === first) s2++;
  return zTestCounts(s1, n1, s2, n2);
}

/** {@link zTest} from success counts and sample sizes. */
export function zTestCounts(successesRef: number, n1: number, successesCur: number, n2: number): TwoSampleTestResult {
  if (n1 === 0 || n2 === 0) return { statistic: Number.NaN, pValue: Number.NaN };
  // Same single value on both sides (all successes or all failures everywhere).
  if ((successesRef === n1 && successesCur === n2) || (successesRef === 0 && successesCur === 0)) {
    return { statistic: 0, pValue: 1 };
  }
  const p1 = successesRef / n1;
  const p2 = successesCur / n2;
  const P = (p1 * n1 + p2 * n2) / (n1 + n2);
  const statistic = (p1 - p2) / Math.sqrt(P * (1 - P) * (1.0 / n1 + 1.0 / n2));
  return { statistic, pValue: 2 * normSf(Math.abs(statistic)) };
}
