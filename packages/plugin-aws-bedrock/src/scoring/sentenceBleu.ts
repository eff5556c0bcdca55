import { bleuFromStatistics } from './bleuFromStatistics.js';
import { bleuStatistics } from './bleuStatistics.js';

/**
 * Sentence BLEU (0–100) equal to `sacrebleu.sentence_bleu(hypothesis, references)` with its
 * defaults: 13a tokenizer, case-sensitive, `exp` smoothing, effective order on.
 */
export function sentenceBleu(hypothesis: string, references: readonly string[]): number {
  return bleuFromStatistics(bleuStatistics(hypothesis, references), true);
}
