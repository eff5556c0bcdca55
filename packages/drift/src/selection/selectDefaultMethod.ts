/**
 * Evidently's default stattest choice. `n` is the number of reference rows,
 * `distinct` the number of distinct values over both samples.
 * numeric, n ≤ 1000: `chisquare` if 2 < u ≤ 5, `z` if u ≤ 2, else `ks`;
 * numeric, n > 1000: `jensenshannon` if u ≤ 5, else `wasserstein`;
 * categorical: n ≤ 1000 → `chisquare` (u > 2) or `z`; n > 1000 → `jensenshannon`.
 */
export function selectDefaultMethod(kind: 'numeric' | 'categorical', n: number, distinct: number): string {
  if (kind === 'numeric') {
    if (n <= 1000) {
      if (distinct <= 2) return 'z';
      if (distinct <= 5) return 'chisquare';
      return 'ks';
    }
    return distinct <= 5 ? 'jensenshannon' : 'wasserstein';
  }
  if (n <= 1000) return distinct > 2 ? 'chisquare' : 'z';
  return 'jensenshannon';
}
