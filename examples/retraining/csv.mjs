// Small RFC 4180 CSV reader and writer shared by the retraining example scripts,
// plus the atomic file write they all use. No dependencies.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from './cli.mjs';

/**
 * Parses CSV text (RFC 4180): fields separated by commas, records by CRLF, LF or CR; a field
 * may be quoted, with `""` for a quote inside it and commas and line breaks kept verbatim.
 * The first record is the header. Empty lines are skipped; a leading UTF-8 BOM is dropped.
 *
 * @param text the file's contents
 * @param file the file's name, for error messages
 * @returns the header and the data records (strings; a missing value is `''`), with the line
 *   on which each record starts (1-based) for error messages
 * @throws InputError on an unterminated quote, stray quote, wrong field count, empty or duplicate header name
 */
export function parseCsv(text, file) {
  const records = [];
  const lines = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const c0 = text.charCodeAt(i);
    if (c0 === 10 || c0 === 13) {
      // An empty line: skip it (CRLF counts once).
      i += c0 === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
      continue;
    }
    const record = [];
    for (;;) {
      let field;
      if (text.charCodeAt(i) === 34) {
        // Quoted field: up to the closing quote, `""` standing for one quote.
        let j = i + 1;
        let value = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) throw new InputError(`${file}: line ${startLine}: unterminated quoted field`);
          value += text.slice(j, q);
          for (let k = j; k < q; k++) if (text.charCodeAt(k) === 10 || (text.charCodeAt(k) === 13 && text.charCodeAt(k + 1) !== 10)) line++;
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            j = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        const after = i < n ? text.charCodeAt(i) : -1;
        if (after !== 44 && after !== 10 && after !== 13 && after !== -1) {
          throw new InputError(`${file}: line ${line}: unexpected character after closing quote`);
        }
        field = value;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          if (c === 34)
            throw new InputError(`${file}: line ${line}: quote inside an unquoted field (quote the whole field and double the quote)`);
          j++;
        }
        field = text.slice(i, j);
        i = j;
      }
      record.push(field);
      const c = i < n ? text.charCodeAt(i) : -1;
      if (c === 44) {
        i++;
        continue;
      }
      if (c === 13) i += text.charCodeAt(i + 1) === 10 ? 2 : 1;
      else if (c === 10) i++;
      line++;
      break;
    }
    records.push(record);
    lines.push(startLine);
  }
  if (records.length === 0) throw new InputError(`${file}: empty file (no header)`);
  const header = records[0];
  const seen = new Set();
  for (const name of header) {
    if (name === '') throw new InputError(`${file}: line ${lines[0]}: empty column name in the header`);
    if (seen.has(name)) throw new InputError(`${file}: line ${lines[0]}: duplicate column "${name}" in the header`);
    seen.add(name);
  }
  for (let r = 1; r < records.length; r++) {
    if (records[r].length !== header.length) {
      throw new InputError(`${file}: line ${lines[r]}: ${records[r].length} fields, the header has ${header.length}`);
    }
  }
  return { header, rows: records.slice(1), lines: lines.slice(1) };
}

/** Quotes a field when it holds a comma, a quote or a line break (RFC 4180). */
export function formatCsvField(value) {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Formats a header and rows as CSV text, one LF-terminated line per record. */
export function formatCsv(header, rows) {
  let out = header.map(formatCsvField).join(',') + '\n';
  for (const row of rows) out += row.map(formatCsvField).join(',') + '\n';
  return out;
}

/**
 * Writes `content` to `path` atomically: into a temporary file beside it, then a rename, so a
 * reader sees the old file or the whole new one. Creates the parent folder if needed.
 */
export function writeFileAtomic(path, content) {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
