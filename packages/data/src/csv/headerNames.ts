import { inputError } from '../errors/inputError.js';
import { shortName } from '../errors/shortName.js';
import { locate } from '../io/locate.js';
import { type CsvTokenizer, quotedField, trailingField } from './CsvTokenizer.js';
import { fieldText } from './fieldText.js';
import { textAfterQuote } from './textAfterQuote.js';

/**
 * The column names of a header record just tokenized (starting at
 * `recordStart`, line `line`). An empty or duplicate name is
 * `INPUT_BAD_SCHEMA`, naming its line and column.
 */
export function headerNames(buf: Buffer, tok: CsvTokenizer, file: string, recordStart: number, line: number): string[] {
  const names: string[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < tok.count; i++) {
    if ((tok.flags[i] & trailingField) !== 0) throw textAfterQuote(buf, tok, i, file, recordStart, line);
    if ((tok.flags[i] & quotedField) === 0) {
      // A lone CR ends no line here (as in Python's csv module): a file with CR-only line ends is one long header.
      for (let j = tok.starts[i]; j < tok.ends[i]; j++) {
        if (buf[j] === 13 && buf[j + 1] !== 10) {
          throw inputError(
            'INPUT_LINE_ENDINGS',
            { file, ...locate(buf, recordStart, j, line) },
            'the header runs on past a lone CR: the file seems to end its lines with CR only (classic Mac OS); ' +
              'save it with LF or CRLF line ends',
          );
        }
      }
    }
    const name = fieldText(buf, tok, i);
    const at = () => locate(buf, recordStart, (tok.flags[i] & quotedField) !== 0 ? tok.starts[i] - 1 : tok.starts[i], line);
    if (name.trim() === '') {
      throw inputError('INPUT_BAD_SCHEMA', { file, ...at() }, `empty column name in the header (field ${i + 1})`);
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw inputError(
        'INPUT_BAD_SCHEMA',
        { file, ...at(), field: name },
        `duplicate column name ${shortName(name)} in the header (fields ${first + 1} and ${i + 1})`,
      );
    }
    seen.set(name, i);
    names.push(name);
  }
  return names;
}

/** Whether the record just tokenized is blank: one unquoted field of spaces and tabs at most (skipped, as pandas does). */
export function isBlankRecord(buf: Uint8Array, tok: CsvTokenizer): boolean {
  if (tok.count !== 1 || tok.flags[0] !== 0) return false;
  for (let i = tok.starts[0]; i < tok.ends[0]; i++) {
    const c = buf[i];
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
