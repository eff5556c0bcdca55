import { inputError } from '../errors/inputError.js';
import { locate } from '../io/locate.js';
import type { CsvTokenizer } from './CsvTokenizer.js';

/**
 * `INPUT_BAD_QUOTE` for field `i` of the tokenizer's record: text after its closing quote (`"Syd"ney`), which
 * RFC 4180 does not allow. Python's csv module and pandas read it as `Sydney`; a quote inside a field is
 * more often a broken export, so the reader says where instead of guessing.
 */
export function textAfterQuote(buf: Buffer, tok: CsvTokenizer, i: number, file: string, recordStart: number, line: number): Error {
  const close = tok.quoteEnds[i];
  const where = locate(buf, recordStart, close, line);
  const raw = buf.toString('utf8', tok.starts[i] - 1, tok.ends[i]);
  // One line, short: line breaks inside the quoted part are shown escaped.
  const cut = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  const shown = cut.replace(/[\r\n\t]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
  return inputError(
    'INPUT_BAD_QUOTE',
    { file, ...where },
    `text after the closing quote of a quoted field (${shown}): a quote inside a field must be doubled and the whole field ` +
      'quoted ("Syd""ney"), as RFC 4180 writes it',
  );
}
