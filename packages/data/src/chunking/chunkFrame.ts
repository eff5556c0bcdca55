import { type ChunkSpec, chunkPeriods, type Frame, getColumn, incompletePolicies, UsageError } from '@driftwatch/core';
import { inputError } from '../errors/inputError.js';
import type { Chunk, Chunking } from './Chunk.js';
import { periodIndex, periodLabel, periodStart } from './periodIndex.js';

/**
 * Cuts `frame`'s rows into chunks as `spec` says (see {@link ChunkSpec}).
 * Throws `UsageError` for a size or count that is not a whole number ≥ 1 or
 * an unknown period or policy, and `InputError` naming the file and column
 * when the timestamp column is absent, not a datetime column, or (period
 * chunking) has no timestamp in any row.
 */
export function chunkFrame(frame: Frame, spec: ChunkSpec): Chunking {
  const timestamps = spec.timestamp === undefined ? undefined : timestampValues(frame, spec.timestamp);
  switch (spec.by) {
    case 'size': {
      wholeAtLeastOne('chunk size', spec.size);
      const incomplete = spec.incomplete ?? 'keep';
      if (!(incompletePolicies as readonly string[]).includes(incomplete)) {
        throw new UsageError(`unknown incomplete-chunk policy "${incomplete}" (known: ${incompletePolicies.join(', ')})`);
      }
      const n = frame.rowCount;
      const full = Math.floor(n / spec.size);
      const rest = n - full * spec.size;
      const bounds: [number, number][] = [];
      for (let i = 0; i < full; i++) bounds.push([i * spec.size, (i + 1) * spec.size]);
      let droppedRows = 0;
      if (rest > 0) {
        if (incomplete === 'drop') droppedRows = rest;
        else if (incomplete === 'merge' && bounds.length > 0) bounds[bounds.length - 1][1] = n;
        else bounds.push([full * spec.size, n]);
      }
      return { chunks: bounds.map(([s, e], i) => rangeChunk(i, s, e, timestamps)), missingTimestamps: 0, droppedRows };
    }
    case 'count': {
      wholeAtLeastOne('chunk count', spec.count);
      const n = frame.rowCount;
      const k = Math.min(spec.count, n);
      const chunks: Chunk[] = [];
      const base = k === 0 ? 0 : Math.floor(n / k);
      const extra = n - base * k;
      let start = 0;
      for (let i = 0; i < k; i++) {
        const end = start + base + (i < extra ? 1 : 0);
        chunks.push(rangeChunk(i, start, end, timestamps));
        start = end;
      }
      return { chunks, missingTimestamps: 0, droppedRows: 0 };
    }
    case 'period': {
      if (!(chunkPeriods as readonly string[]).includes(spec.period)) {
        throw new UsageError(`unknown chunk period "${spec.period}" (known: ${chunkPeriods.join(', ')})`);
      }
      const chunking = periodChunks(timestamps as Float64Array, spec.period);
      if (frame.rowCount > 0 && chunking.missingTimestamps === frame.rowCount) {
        throw inputError(
          'INPUT_INVALID_VALUE',
          { file: frame.source, field: spec.timestamp },
          `timestamp column "${spec.timestamp}" has no date-time in any of its ${frame.rowCount} rows`,
        );
      }
      return chunking;
    }
    default:
      throw new UsageError(`unknown chunking "${(spec as { by: string }).by}" (known: size, count, period)`);
  }
}

function wholeAtLeastOne(what: string, x: number): void {
  if (!Number.isInteger(x) || x < 1) throw new UsageError(`${what} must be a whole number ≥ 1 (got ${x})`);
}

function timestampValues(frame: Frame, name: string): Float64Array {
  const column = getColumn(frame, name);
  if (column === undefined) {
    throw inputError(
      'INPUT_UNKNOWN_COLUMN',
      { file: frame.source, field: name },
      `timestamp column "${name}" is not in the data (its columns: ${frame.columns.map((c) => c.name).join(', ')})`,
    );
  }
  if (column.kind !== 'datetime') {
    throw inputError(
      'INPUT_BAD_SCHEMA',
      { file: frame.source, field: name },
      `timestamp column "${name}" is ${column.kind}, not datetime; its values must be ISO-8601 dates or date-times (or declare its kind as datetime)`,
    );
  }
  return column.values;
}

function rangeChunk(index: number, start: number, end: number, timestamps: Float64Array | undefined): Chunk {
  const rows = new Int32Array(end - start);
  for (let i = 0; i < rows.length; i++) rows[i] = start + i;
  const chunk: Chunk = { index, key: `rows ${start}–${end - 1}`, rowCount: end - start, rows };
  if (timestamps === undefined) return chunk;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = start; i < end; i++) {
    const t = timestamps[i];
    if (t < min) min = t; // false for NaN
    if (t > max) max = t;
  }
  if (min > max) return chunk;
  return { ...chunk, startDate: new Date(min).toISOString(), endDate: new Date(max).toISOString() };
}

function periodChunks(timestamps: Float64Array, period: Parameters<typeof periodIndex>[1]): Chunking {
  const n = timestamps.length;
  const ids = new Float64Array(n);
  let present = 0;
  for (let i = 0; i < n; i++) {
    const t = timestamps[i];
    if (t - t === 0) {
      ids[i] = periodIndex(t, period);
      present++;
    } else ids[i] = Number.NaN;
  }
  const sorted = new Float64Array(present);
  for (let i = 0, j = 0; i < n; i++) if (ids[i] === ids[i]) sorted[j++] = ids[i];
  sorted.sort();
  let k = 0;
  for (let i = 0; i < present; i++) if (i === 0 || sorted[i] !== sorted[k - 1]) sorted[k++] = sorted[i];
  const keys = sorted.subarray(0, k);
  // Two passes (count, then fill) so each chunk's indices land in one exactly sized array, in row order.
  const slot = new Int32Array(n);
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (id !== id) {
      slot[i] = -1;
      continue;
    }
    let lo = 0;
    let hi = k - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    slot[i] = lo;
    counts[lo]++;
  }
  const rows = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const s = slot[i];
    if (s >= 0) rows[s][fill[s]++] = i;
  }
  const chunks: Chunk[] = [];
  for (let c = 0; c < k; c++) {
    const id = keys[c];
    chunks.push({
      index: c,
      key: periodLabel(id, period),
      startDate: new Date(periodStart(id, period)).toISOString(),
      endDate: new Date(periodStart(id + 1, period)).toISOString(),
      rowCount: counts[c],
      rows: rows[c],
    });
  }
  return { chunks, missingTimestamps: n - present, droppedRows: 0 };
}
