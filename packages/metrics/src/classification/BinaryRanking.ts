import { radixSortFloat64 } from '@driftwatch/core';

/** Sums over the ranking of one binary problem: the ROC area (doubled, in counts) and average precision. */
export interface RankingSums {
  /** Weighted number of positive rows. */
  readonly positives: number;
  /** Weighted number of negative rows. */
  readonly negatives: number;
  /** Twice the area under the ROC curve in count units: AUC = area2 / (2 · positives · negatives). */
  readonly area2: number;
  /** Average precision (meaningful when positives > 0). */
  readonly averagePrecision: number;
}

/**
 * One binary ranking problem (scores, is-positive flags), as scikit-learn's `_binary_clf_curve` sees
 * it: rows sorted by decreasing score, tied scores forming one threshold. Each threshold adds
 * `dn · (2·tp + dp)` to the doubled trapezoid area (exact in doubles up to 2^53) and
 * `Δrecall · precision` to average precision (sklearn's step integral).
 *
 * Unweighted evaluation sorts the positive and negative scores separately (radix sort) and merges
 * them; weighted evaluation (bootstrap) maps each row to its tie group once, so each resample is
 * one pass over the rows and one over the groups.
 */
export class BinaryRanking {
  private groupOf: Int32Array | null = null;
  private groupCount = 0;
  private posW: Float64Array | null = null;
  private negW: Float64Array | null = null;

  /**
   * @param scores score per entry
   * @param isPositive 1 for a positive entry
   * @param stride entries per weight: entry `e` takes `weights[floor(e / stride)]` (K for micro-averaged one-vs-rest)
   */
  constructor(
    private readonly scores: Float64Array,
    private readonly isPositive: Uint8Array,
    private readonly stride = 1,
  ) {}

  /** Ranking sums, each entry counted `weights` times (null: once). */
  sums(weights: Int32Array | null): RankingSums {
    return weights ? this.weighted(weights) : this.unweighted();
  }

  private unweighted(): RankingSums {
    const s = this.scores;
    const isPos = this.isPositive;
    let np = 0;
    for (let i = 0; i < isPos.length; i++) np += isPos[i];
    const pos = new Float64Array(np);
    const neg = new Float64Array(s.length - np);
    let a = 0;
    let b = 0;
    for (let i = 0; i < s.length; i++) {
      if (isPos[i]) pos[a++] = s[i];
      else neg[b++] = s[i];
    }
    const scratch = new Float64Array(Math.max(pos.length, neg.length));
    radixSortFloat64(pos, scratch);
    radixSortFloat64(neg, scratch);
    const P = pos.length;
    const N = neg.length;
    let i = P - 1;
    let j = N - 1;
    let tp = 0;
    let fp = 0;
    let area2 = 0;
    let ap = 0;
    while (i >= 0 || j >= 0) {
      const v = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
      let dp = 0;
      while (i >= 0 && pos[i] === v) {
        dp++;
        i--;
      }
      let dn = 0;
      while (j >= 0 && neg[j] === v) {
        dn++;
        j--;
      }
      area2 += dn * (2 * tp + dp);
      if (dp > 0) {
        const prevRecall = tp / P;
        tp += dp;
        fp += dn;
        ap += (tp / P - prevRecall) * (tp / (tp + fp));
      } else fp += dn;
    }
    return { positives: P, negatives: N, area2, averagePrecision: ap };
  }

  private buildGroups(): void {
    const s = this.scores;
    const sorted = s.slice();
    radixSortFloat64(sorted);
    let g = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[g - 1]) sorted[g++] = sorted[i];
    const uniq = sorted.subarray(0, g);
    const groupOf = new Int32Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const v = s[i];
      let lo = 0;
      let hi = g - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (uniq[mid] < v) lo = mid + 1;
        else hi = mid;
      }
      groupOf[i] = lo;
    }
    this.groupOf = groupOf;
    this.groupCount = g;
    this.posW = new Float64Array(g);
    this.negW = new Float64Array(g);
  }

  private weighted(weights: Int32Array): RankingSums {
    if (!this.groupOf) this.buildGroups();
    const groupOf = this.groupOf!;
    const posW = this.posW!;
    const negW = this.negW!;
    const isPos = this.isPositive;
    const stride = this.stride;
    posW.fill(0);
    negW.fill(0);
    let P = 0;
    let N = 0;
    for (let e = 0; e < groupOf.length; e++) {
      const w = weights[stride === 1 ? e : (e / stride) | 0];
      if (w === 0) continue;
      if (isPos[e]) {
        posW[groupOf[e]] += w;
        P += w;
      } else {
        negW[groupOf[e]] += w;
        N += w;
      }
    }
    let tp = 0;
    let fp = 0;
    let area2 = 0;
    let ap = 0;
    for (let g = this.groupCount - 1; g >= 0; g--) {
      const dp = posW[g];
      const dn = negW[g];
      if (dp === 0 && dn === 0) continue;
      area2 += dn * (2 * tp + dp);
      if (dp > 0) {
        const prevRecall = tp / P;
        tp += dp;
        fp += dn;
        ap += (tp / P - prevRecall) * (tp / (tp + fp));
      } else fp += dn;
    }
    return { positives: P, negatives: N, area2, averagePrecision: ap };
  }
}
