import type { BatchIssue } from './BatchError.js';

/** The records of a batch, with the NDJSON line of each (absent for a JSON array). */
export interface ParsedBatch {
  readonly records: readonly unknown[];
  readonly lines?: readonly number[];
}

/**
 * The records of an ingestion body: a parsed JSON value (must be an array) or the text of an
 * NDJSON body (one JSON value per line, blank lines skipped). A bad line is an issue naming it.
 */
export function parseBatch(body: unknown, ndjson: boolean): ParsedBatch | { readonly issue: BatchIssue } {
  if (!ndjson) {
    if (!Array.isArray(body))
      return {
        issue: { index: 0, message: 'the body must be a JSON array of records (or NDJSON with content-type application/x-ndjson)' },
      };
    return { records: body };
  }
  const text = typeof body === 'string' ? body : '';
  const records: unknown[] = [];
  const lines: number[] = [];
  let start = 0;
  let line = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    const content = text.slice(start, end).trim();
    if (content !== '') {
      try {
        records.push(JSON.parse(content));
      } catch (error) {
        return { issue: { index: records.length, line, message: `not JSON: ${(error as Error).message}` } };
      }
      lines.push(line);
    }
    start = end + 1;
  }
  return { records, lines };
}
