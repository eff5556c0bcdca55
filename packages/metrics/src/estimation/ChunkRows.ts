import { InputError } from '@driftwatch/core';

/**
 * The rows of one chunk: a half-open range `[start, end)` of row positions, or an explicit list of
 * row positions (any order; a row may appear in several chunks).
 */
export type ChunkRows = { readonly start: number; readonly end: number } | Int32Array;

/** Number of rows a chunk names (before rows with missing values are dropped). */
export function chunkLength(chunk: ChunkRows): number {
  return chunk instanceof Int32Array ? chunk.length : chunk.end - chunk.start;
}

/**
 * Writes the row positions of `chunk` into `out` (which must hold `chunkLength(chunk)`) and returns the count.
 * @throws InputError when the chunk reaches outside `[0, nRows)`; `label` names the chunk in the message.
 */
export function chunkIndices(chunk: ChunkRows, nRows: number, out: Int32Array, label: string): number {
  if (chunk instanceof Int32Array) {
    for (let i = 0; i < chunk.length; i++) {
      const r = chunk[i];
      if (r < 0 || r >= nRows) throw new InputError('INPUT_INVALID_VALUE', `${label}: row ${r} outside [0, ${nRows})`);
      out[i] = r;
    }
    return chunk.length;
  }
  const { start, end } = chunk;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > nRows || start > end) {
    throw new InputError('INPUT_INVALID_VALUE', `${label}: range [${start}, ${end}) is not inside [0, ${nRows})`);
  }
  for (let r = start; r < end; r++) out[r - start] = r;
  return end - start;
}

/**
 * Splits `nRows` rows into `count` consecutive ranges whose sizes differ by at most one
 * (the first `nRows % count` get the extra row, as `numpy.array_split` does).
 */
export function chunksByCount(nRows: number, count: number): { start: number; end: number }[] {
  if (!Number.isInteger(count) || count < 1)
    throw new InputError('INPUT_INVALID_VALUE', `chunk count must be a positive integer, got ${count}`);
  if (!Number.isInteger(nRows) || nRows < 0)
    throw new InputError('INPUT_INVALID_VALUE', `row count must be a non-negative integer, got ${nRows}`);
  const base = Math.floor(nRows / count);
  const extra = nRows % count;
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (let c = 0; c < count; c++) {
    const end = start + base + (c < extra ? 1 : 0);
    out.push({ start, end });
    start = end;
  }
  return out;
}

/** Splits `nRows` rows into consecutive ranges of `size` rows; the last one holds the remainder. */
export function chunksBySize(nRows: number, size: number): { start: number; end: number }[] {
  if (!Number.isInteger(size) || size < 1)
    throw new InputError('INPUT_INVALID_VALUE', `chunk size must be a positive integer, got ${size}`);
  if (!Number.isInteger(nRows) || nRows < 0)
    throw new InputError('INPUT_INVALID_VALUE', `row count must be a non-negative integer, got ${nRows}`);
  const out: { start: number; end: number }[] = [];
  for (let start = 0; start < nRows; start += size) out.push({ start, end: Math.min(nRows, start + size) });
  return out;
}
