import { rougeTokenize } from './rougeTokenize.js';

/** ROUGE-L of one answer against one reference, as rouge-score's `Score` tuple. */
export interface RougeLScore {
  readonly precision: number;
  readonly recall: number;
  readonly fmeasure: number;
}

/**
 * ROUGE-L as Google's rouge-score computes `rougeL` (`_score_lcs`): the longest common
 * subsequence of the tokens ({@link rougeTokenize}, no stemming), precision = LCS / answer
 * tokens, recall = LCS / reference tokens, F = 2PR / (P + R); all 0 when either side has no
 * token. With several references the one with the highest F-measure is taken (rouge-score's
 * `score_multi`).
 */
export function rougeL(answer: string, references: readonly string[]): RougeLScore {
  const prediction = rougeTokenize(answer);
  let best: RougeLScore = { precision: 0, recall: 0, fmeasure: 0 };
  for (const reference of references) {
    const target = rougeTokenize(reference);
    if (target.length === 0 || prediction.length === 0) continue;
    const lcs = lcsLength(target, prediction);
    const precision = lcs / prediction.length;
    const recall = lcs / target.length;
    const fmeasure = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    if (fmeasure > best.fmeasure) best = { precision, recall, fmeasure };
  }
  return best;
}

function lcsLength(a: readonly string[], b: readonly string[]): number {
  // One row of the dynamic-programming table at a time.
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? 0;
}
