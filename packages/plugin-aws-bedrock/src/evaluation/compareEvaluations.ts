import { wilcoxonSignedRank } from '@driftwatch/drift';
import { bootstrapMeanCi } from './bootstrapMeanCi.js';
import type { EvaluationResult, ScorerChange } from './EvaluationResult.js';

/**
 * The paired change of every scorer between `previous` and `current` runs of a suite, over the
 * items (by id) scored in both: means, the mean difference with its seeded paired bootstrap 95%
 * interval, the two-sided Wilcoxon signed-rank p-value of the differences (scipy semantics, zero
 * differences dropped) and how many items got worse or better (a rise is worse where lower is
 * better: harmfulness, refusal, length). Returns `current` with
 * `comparison` set.
 */
export function compareEvaluations(
  previous: EvaluationResult,
  current: EvaluationResult,
  options: { readonly resamples?: number; readonly seed?: number } = {},
): EvaluationResult {
  const before = new Map(previous.items.map((item) => [item.id, item.scores]));
  const changes: ScorerChange[] = current.scorers.map(({ scorer, higherIsBetter }) => {
    const a: number[] = [];
    const b: number[] = [];
    for (const item of current.items) {
      const now = item.scores[scorer];
      const then = before.get(item.id)?.[scorer];
      if (now === null || now === undefined || then === null || then === undefined) continue;
      a.push(then);
      b.push(now);
    }
    const n = a.length;
    if (n === 0) {
      return {
        scorer,
        pairs: 0,
        previousMean: null,
        currentMean: null,
        meanDifference: null,
        ciLow: null,
        ciHigh: null,
        pValue: null,
        method: null,
        worse: 0,
        better: 0,
      };
    }
    const d = new Float64Array(n);
    let sa = 0;
    let sb = 0;
    let worse = 0;
    let better = 0;
    for (let i = 0; i < n; i++) {
      d[i] = b[i]! - a[i]!;
      sa += a[i]!;
      sb += b[i]!;
      const up = higherIsBetter === false ? -d[i]! : d[i]!;
      if (up < 0) worse++;
      else if (up > 0) better++;
    }
    const ci = bootstrapMeanCi(d, { resamples: options.resamples ?? 2000, seed: options.seed ?? 1 })!;
    const test = wilcoxonSignedRank(d);
    return {
      scorer,
      pairs: n,
      previousMean: sa / n,
      currentMean: sb / n,
      meanDifference: (sb - sa) / n,
      ciLow: ci.low,
      ciHigh: ci.high,
      pValue: Number.isNaN(test.pValue) ? null : test.pValue,
      method: test.n === 0 ? null : test.method,
      worse,
      better,
    };
  });
  return { ...current, comparison: { previousStartedAt: previous.startedAt, previousModel: previous.model, changes } };
}
