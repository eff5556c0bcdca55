import { CsvTokenizer, unclosedRecord } from './CsvTokenizer.js';
import { csvDelimiter } from './csvDelimiter.js';
import { fieldText } from './fieldText.js';

/**
 * The fields of one CSV record held in a string (a SageMaker capture payload line), split by the
 * tokenizer `readCsv` reads files with, so both agree: RFC 4180 quoting (`"a,b"`, `""` for a
 * quote inside), a quote opening a quoted field only as its first character (elsewhere it is
 * text), a final CR or CRLF dropped. One difference: text after a closing quote is kept here
 * (`"ab"cd` is `abcd`, as in Python's csv module), which `readCsv` rejects as `INPUT_BAD_QUOTE`.
 * `delimiter` is one ASCII character (default `,`; another is a `UsageError`). Throws a plain
 * `Error` for a quote left open or a second line; the caller names where the line came from.
 */
export function splitCsvLine(line: string, delimiter?: string): string[] {
  const buf = Buffer.from(line, 'utf8');
  const tokenizer = new CsvTokenizer(csvDelimiter(delimiter, false));
  const end = tokenizer.next(buf, 0, buf.length, true);
  if (end === unclosedRecord) {
    throw new Error(`unclosed quote (opened at column ${buf.toString('utf8', 0, tokenizer.unclosedAt).length + 1})`);
  }
  if (end < buf.length) throw new Error('a line break outside quotes: one line expected');
  const fields: string[] = new Array(tokenizer.count);
  for (let i = 0; i < tokenizer.count; i++) fields[i] = fieldText(buf, tokenizer, i);
  return fields;
}
