import { pythonSplit } from './pythonSplit.js';

// Python's string.punctuation: the ASCII punctuation only.
const asciiPunctuation = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/gu;
// Python 3's \b is Unicode-aware (a word character is a letter, a digit or "_"); JavaScript's is
// ASCII-only, so the boundary is spelled out.
const articles = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/**
 * SQuAD v1.1's `normalize_answer`: lower-case, drop ASCII punctuation, replace the articles
 * a/an/the by a space, collapse whitespace (Python's `str.split`).
 */
export function squadNormalize(text: string): string {
  const noPunctuation = text.toLowerCase().replace(asciiPunctuation, '');
  return pythonSplit(noPunctuation.replace(articles, ' ')).join(' ');
}
