import { InputError } from '@driftwatch/core';

/** One request's rows: `lines[from, to)` joined into `body`. */
export interface LineBatch {
  readonly from: number;
  readonly to: number;
  readonly body: string;
}

/**
 * Groups CSV lines, in order, into request bodies of at most `maxBytes` UTF-8 bytes and
 * `maxRows` lines each. A single line longer than `maxBytes` cannot be sent: an `InputError`
 * naming the row, its size and the limit (`where` names the holdout).
 */
export function batchLines(lines: readonly string[], maxBytes: number, maxRows: number, where: string): LineBatch[] {
  const batches: LineBatch[] = [];
  let from = 0;
  let bytes = 0;
  let body = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const size = Buffer.byteLength(line, 'utf8');
    if (size > maxBytes)
      throw new InputError(
        'INPUT_INVALID_VALUE',
        `${where}: row ${i + 1} is ${size} bytes as CSV, more than the ${maxBytes} bytes one InvokeEndpoint request may carry`,
        { location: { file: where, line: i + 2 } },
      );
    if (i > from && (bytes + size > maxBytes || i - from >= maxRows)) {
      batches.push({ from, to: i, body });
      from = i;
      bytes = 0;
      body = '';
    }
    bytes += size;
    body += line;
  }
  if (lines.length > from) batches.push({ from, to: lines.length, body });
  return batches;
}
