/**
 * rouge-score's default tokenizer (`tokenize.tokenize` without a stemmer): lower-case, every run
 * of characters outside [a-z0-9] becomes a space, split. Non-ASCII letters are therefore
 * dropped, as in rouge-score. No stemming (rouge-score's `use_stemmer` defaults to false).
 */
export function rougeTokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, ' ')
    .split(/\s+/u)
    .filter((t) => /^[a-z0-9]+$/u.test(t));
}
