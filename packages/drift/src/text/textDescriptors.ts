import { englishWords } from './englishWords.js';

/**
 * Descriptors of a text column beyond the built-in ones, from config or the
 * CLI: regular expressions a text must match whole, substrings it may contain,
 * prefixes it may begin with. Each gives a 0/1 descriptor per row.
 */
export interface TextDescriptorOptions {
  /** Name → pattern; 1 when the whole text matches (Evidently's `RegExp`: `fullmatch`). */
  readonly regex?: Readonly<Record<string, string>>;
  /** Name → items; 1 when the text contains any item (Evidently's `Contains`, mode `any`, case-sensitive). */
  readonly contains?: Readonly<Record<string, readonly string[]>>;
  /** Name → prefix; 1 when the text begins with it (Evidently's `BeginsWith`, case-sensitive). */
  readonly beginsWith?: Readonly<Record<string, string>>;
}

/** One descriptor's value per row; `NaN` where the text is missing (or, for shares, empty). */
export interface TextDescriptor {
  /** `length`, `words`, `sentences`, `non_letter_share`, `oov_share`, `upper_share`, `regex:<name>`, `contains:<name>`, `begins_with:<name>`. */
  readonly name: string;
  readonly values: Float64Array;
}

const letter = /\p{L}/u;
const upper = /\p{Lu}/u;
const notWordChars = /[^a-zA-Z ]+/g;
const notAlnumSpace = /[^A-Za-z0-9 ]+/g;
// Evidently's SentenceCount split: whitespace after "." or "?", unless it ends an abbreviation such as
// "e.g." or "Mr." (Python's \w is Unicode: letters, digits and underscore).
const sentenceBreak = /(?<![\p{L}\p{N}_]\.[\p{L}\p{N}_].)(?<![A-Z][a-z]\.)(?<=\.|\?)\s/u;

function splitWords(text: string): string[] {
  return text.split(' ').filter((w) => w.length > 0);
}

/** Evidently's descriptor definitions (legacy features of Evidently 0.7) for one text. */
export const builtinDescriptors: readonly { readonly name: string; readonly of: (text: string) => number }[] = [
  // TextLength: characters (code points, as Python's len).
  { name: 'length', of: (t) => [...t].length },
  // WordCount: runs of ASCII letters after dropping every other character but spaces.
  { name: 'words', of: (t) => splitWords(t.replace(notWordChars, '')).length },
  // SentenceCount: pieces of the sentence-break split, at least 1.
  { name: 'sentences', of: (t) => Math.max(1, t.split(sentenceBreak).length) },
  // NonLetterCharacterPercentage: % of characters that are neither letters nor spaces.
  {
    name: 'non_letter_share',
    of: (t) => {
      const chars = [...t];
      if (chars.length === 0) return Number.NaN;
      let n = 0;
      for (const ch of chars) if (ch !== ' ' && !letter.test(ch)) n++;
      return (100 * n) / chars.length;
    },
  },
  // OOVWordsPercentage: % of words (ASCII letters and digits) not in the English word list.
  {
    name: 'oov_share',
    of: (t) => {
      const words = splitWords(t.replace(notAlnumSpace, ''));
      if (words.length === 0) return 0;
      const vocabulary = englishWords();
      let oov = 0;
      for (const w of words) if (!vocabulary.has(w.toLowerCase())) oov++;
      return (100 * oov) / words.length;
    },
  },
  // Not an Evidently descriptor: % of letters that are upper case (NaN without letters).
  {
    name: 'upper_share',
    of: (t) => {
      let letters = 0;
      let uppers = 0;
      for (const ch of t) {
        if (letter.test(ch)) {
          letters++;
          if (upper.test(ch)) uppers++;
        }
      }
      return letters === 0 ? Number.NaN : (100 * uppers) / letters;
    },
  },
];

/** Every descriptor of a text column, row by row: the built-in ones, then those of `options`. */
export function textDescriptors(values: readonly (string | null)[], options: TextDescriptorOptions = {}): TextDescriptor[] {
  const defs: { name: string; of: (text: string) => number }[] = [...builtinDescriptors];
  for (const [name, pattern] of Object.entries(options.regex ?? {})) {
    const whole = new RegExp(`^(?:${pattern})$`, 'su');
    defs.push({ name: `regex:${name}`, of: (t) => (whole.test(t) ? 1 : 0) });
  }
  for (const [name, items] of Object.entries(options.contains ?? {}))
    defs.push({ name: `contains:${name}`, of: (t) => (items.some((item) => t.includes(item)) ? 1 : 0) });
  for (const [name, prefix] of Object.entries(options.beginsWith ?? {}))
    defs.push({ name: `begins_with:${name}`, of: (t) => (t.startsWith(prefix) ? 1 : 0) });
  return defs.map((d) => {
    const out = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const t = values[i];
      out[i] = t === null ? Number.NaN : d.of(t);
    }
    return { name: d.name, values: out };
  });
}
