import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

let words: ReadonlySet<string> | undefined;

/**
 * The English vocabulary of the out-of-vocabulary descriptor: the npm package
 * `word-list` 4.1.0 (274 136 lower-case words with their inflected forms, so
 * no lemmatiser is needed where Evidently lemmatises with WordNet before
 * looking words up in NLTK's `words` corpus), plus the one-letter words "a"
 * and "i" it leaves out. Loaded once, on first use.
 */
export function englishWords(): ReadonlySet<string> {
  if (words === undefined) {
    const set = new Set(readFileSync(wordListPath, 'utf8').split('\n'));
    set.delete('');
    set.add('a');
    set.add('i');
    words = set;
  }
  return words;
}
