import { type CsvTokenizer, escapedField, trailingField } from './CsvTokenizer.js';

/** The text of field `i` of the tokenizer's last record, quotes unescaped. */
export function fieldText(buf: Buffer, tok: CsvTokenizer, i: number): string {
  const flags = tok.flags[i];
  const start = tok.starts[i];
  if ((flags & trailingField) !== 0) {
    const close = tok.quoteEnds[i];
    return unquote(buf.toString('utf8', start, close), flags) + buf.toString('utf8', close + 1, tok.ends[i]);
  }
  return unquote(buf.toString('utf8', start, tok.ends[i]), flags);
}

function unquote(text: string, flags: number): string {
  return (flags & escapedField) !== 0 ? text.replaceAll('""', '"') : text;
}
