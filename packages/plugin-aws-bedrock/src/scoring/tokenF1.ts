import { pythonSplit } from './pythonSplit.js';
import { squadNormalize } from './squadNormalize.js';

function f1(answer: string, reference: string): number {
  const predicted = pythonSplit(squadNormalize(answer));
  const truth = pythonSplit(squadNormalize(reference));
  const counts = new Map<string, number>();
  for (const t of truth) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const p of predicted) {
    const left = counts.get(p) ?? 0;
    if (left > 0) {
      same++;
      counts.set(p, left - 1);
    }
  }
  // As SQuAD v1.1: no common token (which includes two empty answers) scores 0.
  if (same === 0) return 0;
  const precision = same / predicted.length;
  const recall = same / truth.length;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * SQuAD v1.1's token F1: bag-of-tokens overlap of the normalised answer and reference
 * ({@link squadNormalize}, split on whitespace), the maximum over `references`; 0 without
 * references.
 */
export function tokenF1(answer: string, references: readonly string[]): number {
  let best = 0;
  for (const reference of references) best = Math.max(best, f1(answer, reference));
  return best;
}
