import { pythonSplit } from './pythonSplit.js';
import { tokenize13a } from './tokenize13a.js';

/** BLEU's sufficient statistics of one segment (or, summed, of a corpus), as sacrebleu keeps them. */
export interface BleuStatistics {
  /** Hypothesis length in tokens. */
  hypothesisLength: number;
  /** Length of the reference closest in length (ties: the shorter). */
  referenceLength: number;
  /** Clipped n-gram matches for n = 1…4. */
  readonly correct: number[];
  /** Hypothesis n-grams for n = 1…4. */
  readonly total: number[];
}

/** BLEU's maximum n-gram order (sacrebleu's default). */
export const bleuMaxOrder = 4;

/** N-gram counts per order (index n − 1), keyed by the JSON of the tokens (unambiguous for any token). */
function ngramCounts(tokens: readonly string[]): Map<string, number>[] {
  const counts: Map<string, number>[] = [];
  for (let n = 1; n <= bleuMaxOrder; n++) {
    const order = new Map<string, number>();
    for (let i = 0; i + n <= tokens.length; i++) {
      const key = JSON.stringify(tokens.slice(i, i + n));
      order.set(key, (order.get(key) ?? 0) + 1);
    }
    counts.push(order);
  }
  return counts;
}

/** Python's `str.rstrip()` (Python whitespace). */
function pythonRstrip(text: string): string {
  const words = pythonSplit(text);
  if (words.length === 0) return '';
  const last = words[words.length - 1] as string;
  return text.slice(0, text.lastIndexOf(last) + last.length);
}

/**
 * The statistics sacrebleu's BLEU (13a tokenizer, case kept) collects for one hypothesis against
 * its references: reference n-gram counts are the maximum over references, hypothesis n-grams are
 * clipped by them.
 */
export function bleuStatistics(hypothesis: string, references: readonly string[]): BleuStatistics {
  const hypothesisTokens = pythonSplit(tokenize13a(pythonRstrip(hypothesis)));
  const referenceCounts = Array.from({ length: bleuMaxOrder }, () => new Map<string, number>());
  let referenceLength = -1;
  let closestDiff = -1;
  for (const reference of references) {
    const tokens = pythonSplit(tokenize13a(pythonRstrip(reference)));
    const diff = Math.abs(hypothesisTokens.length - tokens.length);
    if (closestDiff === -1 || diff < closestDiff) {
      closestDiff = diff;
      referenceLength = tokens.length;
    } else if (diff === closestDiff && tokens.length < referenceLength) referenceLength = tokens.length;
    for (const [n, order] of ngramCounts(tokens).entries()) {
      const best = referenceCounts[n] as Map<string, number>;
      for (const [key, count] of order) best.set(key, Math.max(best.get(key) ?? 0, count));
    }
  }
  const correct = new Array<number>(bleuMaxOrder).fill(0);
  const total = new Array<number>(bleuMaxOrder).fill(0);
  for (const [n, order] of ngramCounts(hypothesisTokens).entries()) {
    for (const [key, count] of order) {
      total[n] = (total[n] ?? 0) + count;
      const matched = referenceCounts[n]?.get(key);
      if (matched !== undefined) correct[n] = (correct[n] ?? 0) + Math.min(count, matched);
    }
  }
  return { hypothesisLength: hypothesisTokens.length, referenceLength, correct, total };
}
