import { pythonSplit } from './pythonSplit.js';

/**
 * sacrebleu's default `13a` tokenizer (mteval-v13a, as used by WMT): drop `<skipped>`, join
 * lines, unescape `&quot; &amp; &lt; &gt;`, put spaces around ASCII punctuation and symbols,
 * split `.` and `,` from non-digits, `-` after a digit, and collapse whitespace the way Python's
 * `str.split` does. Returns the tokenised line (tokens joined by single spaces).
 */
export function tokenize13a(line: string): string {
  let text = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (text.includes('&')) {
    text = text.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  text = ` ${text} `
    .replace(/([{-~[-` -&(-+:-@/])/gu, ' $1 ')
    .replace(/([^0-9])([.,])/gu, '$1 $2 ')
    .replace(/([.,])([^0-9])/gu, ' $1 $2')
    .replace(/([0-9])(-)/gu, '$1 $2 ');
  return pythonSplit(text).join(' ');
}
