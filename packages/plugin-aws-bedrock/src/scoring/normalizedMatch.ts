import { squadNormalize } from './squadNormalize.js';

/**
 * SQuAD v1.1's exact-match score: 1 when the normalised answer ({@link squadNormalize}) equals
 * the normalised form of one of `references`, else 0 (the maximum over references).
 */
export function normalizedMatch(answer: string, references: readonly string[]): number {
  const a = squadNormalize(answer);
  for (const reference of references) if (squadNormalize(reference) === a) return 1;
  return 0;
}
