import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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
    // The file word-list's index exports the path of, found without importing that ES module: an
    // import at load time made every command that loads the drift methods (`check`) start Node's ES
    // module loader for a path only text columns use.
    const wordListPath = join(dirname(createRequire(import.meta.url).resolve('word-list')), 'words.txt');
    const set = new Set(readFileSync(wordListPath, 'utf8').split('\n'));
    set.delete('');
    set.add('a');
    set.add('i');
    words = set;
  }
  return words;
}
