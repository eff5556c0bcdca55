/** Options of {@link containsCheck}. */
export interface ContainsCheckOptions {
  /** `all` (default): every needle must occur; `any`: at least one. */
  readonly mode?: 'all' | 'any';
  /** Compare case-sensitively; default false (both sides lower-cased). */
  readonly caseSensitive?: boolean;
}

/**
 * 1 when the answer contains the needles as substrings (all of them, or any with `mode: any`),
 * else 0. With no needles, `all` scores 1 and `any` 0 (the empty conjunction and disjunction).
 */
export function containsCheck(answer: string, needles: readonly string[], options: ContainsCheckOptions = {}): number {
  const fold = options.caseSensitive === true ? (s: string) => s : (s: string) => s.toLowerCase();
  const haystack = fold(answer);
  const found = (needle: string) => haystack.includes(fold(needle));
  return (options.mode === 'any' ? needles.some(found) : needles.every(found)) ? 1 : 0;
}
