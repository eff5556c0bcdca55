import { readFile } from 'node:fs/promises';
import { type EvaluationSet, InputError } from '@driftwatch/core';
import { csvLine, splitCsvLine } from '@driftwatch/data';

/** The holdout as a model sees it: CSV lines without a header, the label (and dropped columns) taken out. */
export interface HoldoutRows {
  /** The columns sent, in order (the header the model never sees). */
  readonly columns: readonly string[];
  /** One CSV line per row, each ending in `\n`, fields quoted as RFC 4180 wants. */
  readonly lines: readonly string[];
}

/** Splits CSV text into records at line breaks outside quotes; a final CR of a record is dropped. */
function* csvRecords(text: string): Generator<{ record: string; line: number }> {
  let start = 0;
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    else if (ch === 10) {
      if (!quoted) {
        const end = i > start && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
        yield { record: text.slice(start, end), line: recordLine };
        start = i + 1;
        recordLine = line + 1;
      }
      line++;
    }
  }
  if (start < text.length) yield { record: text.slice(start).replace(/\r$/, ''), line: recordLine };
}

/**
 * Reads the holdout CSV (with a header, as the retraining collector writes it) into the rows sent
 * to an endpoint: the `target` column and `dropColumns` left out (a dropped column the holdout
 * does not have is fine: the collector already leaves id columns out), the other fields as they
 * are in the file. Throws an `InputError` naming the file and line for a missing target column, a
 * row of the wrong field count or an unclosed quote.
 */
export async function readHoldoutRows(uri: string, target: string, dropColumns: readonly string[]): Promise<HoldoutRows> {
  const file = uri.startsWith('file:') ? new URL(uri) : uri;
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new InputError('INPUT_NOT_FOUND', `${uri}: cannot read the holdout (${(error as Error).message})`, {
      cause: error,
      location: { file: uri },
    });
  });
  let header: string[] | undefined;
  let keep: number[] = [];
  const lines: string[] = [];
  for (const { record, line } of csvRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)) {
    if (record === '') continue;
    let fields: string[];
    try {
      fields = splitCsvLine(record);
    } catch (error) {
      throw new InputError('INPUT_UNCLOSED_QUOTE', `${uri}:${line}: ${(error as Error).message}`, {
        cause: error,
        location: { file: uri, line },
      });
    }
    if (!header) {
      header = fields;
      if (!header.includes(target))
        throw new InputError(
          'INPUT_UNKNOWN_COLUMN',
          `${uri}: no target column "${target}" in the holdout (columns: ${header.join(', ')})`,
          {
            location: { file: uri, line: 1 },
          },
        );
      const left = new Set([target, ...dropColumns]);
      keep = header.flatMap((name, i) => (left.has(name) ? [] : [i]));
      continue;
    }
    if (fields.length !== header.length)
      throw new InputError('INPUT_FIELD_COUNT', `${uri}:${line}: ${fields.length} fields, the header has ${header.length}`, {
        location: { file: uri, line },
      });
    lines.push(csvLine(keep.map((i) => fields[i] as string)));
  }
  if (!header) throw new InputError('INPUT_EMPTY', `${uri}: the holdout is empty`, { location: { file: uri } });
  return { columns: keep.map((i) => header[i] as string), lines };
}

/** {@link readHoldoutRows} of an evaluation set, checked against the row count the set declares. */
export async function readEvaluationSet(set: EvaluationSet, dropColumns: readonly string[]): Promise<HoldoutRows> {
  const holdout = await readHoldoutRows(set.uri, set.target, dropColumns);
  if (holdout.lines.length !== set.rows)
    throw new InputError('INPUT_INVALID_VALUE', `${set.uri}: ${holdout.lines.length} rows, but the evaluation set says ${set.rows}`, {
      location: { file: set.uri },
    });
  return holdout;
}
