import { bleuFromStatistics } from './bleuFromStatistics.js';
import { type BleuStatistics, bleuMaxOrder, bleuStatistics } from './bleuStatistics.js';

/**
 * Corpus BLEU (0–100) equal to `sacrebleu.corpus_bleu` with its defaults (13a tokenizer,
 * case-sensitive, `exp` smoothing, effective order off): statistics summed over segments, then
 * one score. `references[i]` lists the references of `hypotheses[i]` (sacrebleu takes them
 * transposed, one stream per reference).
 */
export function corpusBleu(hypotheses: readonly string[], references: readonly (readonly string[])[]): number {
  if (hypotheses.length !== references.length) {
    throw new RangeError(`corpusBleu: ${hypotheses.length} hypotheses but ${references.length} reference lists`);
  }
  const sum: BleuStatistics = {
    hypothesisLength: 0,
    referenceLength: 0,
    correct: new Array<number>(bleuMaxOrder).fill(0),
    total: new Array<number>(bleuMaxOrder).fill(0),
  };
  for (let i = 0; i < hypotheses.length; i++) {
    const s = bleuStatistics(hypotheses[i] ?? '', references[i] ?? []);
    sum.hypothesisLength += s.hypothesisLength;
    sum.referenceLength += s.referenceLength;
    for (let n = 0; n < bleuMaxOrder; n++) {
      sum.correct[n] = (sum.correct[n] ?? 0) + (s.correct[n] ?? 0);
      sum.total[n] = (sum.total[n] ?? 0) + (s.total[n] ?? 0);
    }
  }
  return bleuFromStatistics(sum, false);
}
