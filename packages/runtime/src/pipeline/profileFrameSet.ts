import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { type Column, decodeScaled, type Schema, UsageError } from '@driftwatch/core';
import { type DataFormat, formatForPath, inferSchemaFromFile, readDataFileBatches } from '@driftwatch/data';
import { NumericProfile, type ProfiledSide, planProfileBins, selectColumns } from '@driftwatch/drift';
import { mergeSchema } from '../schema/mergeSchema.js';
import type { SourceSpec } from './SourceSpec.js';

/** Rows per batch of the streamed read (about 0.5 MB per numeric column). */
const batchRows = 65_536;

/** What one numeric column's two profiles hold (samples, CDF and sturges counts), with slack. */
const profileBytes = 2 * 300_000;

/** A side the budget path can stream: a local CSV, TSV or JSON Lines file of known size. */
interface StreamableSide {
  readonly path: string;
  readonly format: DataFormat;
  readonly delimiter?: string;
  readonly size: number;
}

/** What {@link planMemory} decided. */
export interface MemoryPlan {
  readonly budgetBytes: number;
  /** The in-memory path's estimated need: the selected columns' arrays for both sides plus one sort buffer. */
  readonly estimatedBytes: number;
  /** Whether the run must stream (over budget and both sides streamable). */
  readonly stream: boolean;
}

/** A side of a file-based check, if it is a local text file the batch reader reads; else undefined. */
function streamable(spec: SourceSpec): StreamableSide | undefined {
  if (typeof spec.path !== 'string' || (spec.type !== undefined && !['csv', 'tsv', 'jsonl'].includes(spec.type))) return undefined;
  let format: DataFormat;
  try {
    format = (spec.type as DataFormat | undefined) ?? formatForPath(spec.path);
  } catch {
    return undefined;
  }
  if (format === 'parquet') return undefined;
  const stat = statSync(spec.path, { throwIfNoEntry: false });
  if (!stat?.isFile()) return undefined; // a FIFO or device: its size is unknown
  return { path: spec.path, format, size: stat.size, ...(typeof spec.delimiter === 'string' ? { delimiter: spec.delimiter } : {}) };
}

/** Rows of a file estimated from the line length of its first 256 KiB. */
async function estimateRows(side: StreamableSide): Promise<number> {
  const handle = await open(side.path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(side.size, 1 << 18));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    let lines = 0;
    for (let i = 0; i < bytesRead; i++) if (buf[i] === 10) lines++;
    if (bytesRead >= side.size) return lines + 1;
    return Math.ceil(((lines || 1) / bytesRead) * side.size);
  } finally {
    await handle.close();
  }
}

/** Bytes per row of a column held whole: a Float64Array for numbers and datetimes, an Int32Array of codes for categories. */
function rowBytes(kind: string): number {
  return kind === 'categorical' || kind === 'boolean' ? 4 : 8;
}

/**
 * Whether a check fits its memory budget. The in-memory path holds every value
 * of the selected columns on both sides (8 bytes a number, 4 a category code)
 * and one sort buffer of the larger side; rows are estimated from the files' sizes.
 * Sides that are not local CSV, TSV or JSON Lines files are always read whole.
 */
export async function planMemory(
  reference: SourceSpec,
  current: SourceSpec,
  columns: readonly { readonly kind: string }[],
  budgetBytes: number,
): Promise<MemoryPlan> {
  const ref = streamable(reference);
  const cur = streamable(current);
  if (!ref || !cur) return { budgetBytes, estimatedBytes: 0, stream: false };
  const [refRows, curRows] = await Promise.all([estimateRows(ref), estimateRows(cur)]);
  const perRow = columns.reduce((s, c) => s + rowBytes(c.kind), 0);
  const estimatedBytes = (refRows + curRows) * perRow + Math.max(refRows, curRows) * 8;
  return { budgetBytes, estimatedBytes, stream: estimatedBytes > budgetBytes };
}

/** What the budget path needs of a check. */
export interface ProfileRequest {
  readonly reference: SourceSpec;
  readonly current: SourceSpec;
  readonly kinds?: Schema;
  readonly columns?: readonly string[];
  readonly ignore?: readonly string[];
  readonly strict?: boolean;
  readonly budgetBytes: number;
  /** What names the budget in messages. Default `--max-memory` (a monitor's: `monitors[i].drift.maxMemory`). */
  readonly budgetName?: string;
  /** Called when the data is over the budget, before anything is read: it may throw to refuse the summarised path. */
  readonly onOverBudget?: (plan: MemoryPlan) => void;
  readonly onProgress?: (side: 'reference' | 'current', bytesRead: number, totalBytes: number | undefined) => void;
}

/**
 * Reads both sides of a check over its memory budget in batches, twice: numeric
 * columns become profiles (pass 1: counts, range, moments, distinct values, a
 * sample; pass 2: counts on the bins both sides share, see `planProfileBins`),
 * categorical columns keep their codes (4 bytes a row). Datetime and text columns
 * are not drift-tested and are not read. Undefined when the data fits the budget (or a side is
 * not a local CSV, TSV or JSON Lines file): the caller reads it whole.
 *
 * @throws UsageError naming `--max-memory` (or `budgetName`) when even this needs more than the budget.
 */
export async function profileFrameSet(
  request: ProfileRequest,
): Promise<{ reference: ProfiledSide; current: ProfiledSide; memory: { budgetBytes: number; estimatedBytes: number } } | undefined> {
  const ref = streamable(request.reference);
  const cur = streamable(request.current);
  if (!ref || !cur) return undefined;
  // A value takes at least 2 bytes of text (a character and a separator) and at most 8 in memory,
  // a row as many again in the sort buffer: files this small fit without opening them (a FIFO is never opened twice).
  if ((ref.size + cur.size) * 8 <= request.budgetBytes) return undefined;
  const infer = (s: StreamableSide, sampleRows?: number) =>
    inferSchemaFromFile(s.path, {
      format: s.format,
      ...(s.delimiter ? { delimiter: s.delimiter } : {}),
      ...(sampleRows === 0 ? { sampleRows } : {}),
    });
  const [refHead, curHead] = await Promise.all([infer(ref), infer(cur, 0)]);
  const names = selectColumns(
    { source: ref.path, names: refHead.columns.map((c) => c.name) },
    { source: cur.path, names: curHead.columns.map((c) => c.name) },
    { columns: request.columns, ignore: request.ignore },
  );
  const merged = mergeSchema(refHead, request.kinds).columns;
  const tested = merged.filter((c) => names.includes(c.name) && ['numeric', 'categorical', 'boolean'].includes(c.kind));
  const schema: Schema = { columns: merged.map((c) => (tested.includes(c) ? c : { ...c, role: 'ignored' as const })) };
  const numeric = tested.filter((c) => c.kind === 'numeric').map((c) => c.name);
  const categorical = tested.filter((c) => c.kind !== 'numeric');

  const plan = await planMemory(request.reference, request.current, tested, request.budgetBytes);
  if (!plan.stream) return undefined;
  request.onOverBudget?.(plan);
  const [refRows, curRows] = await Promise.all([estimateRows(ref), estimateRows(cur)]);
  const need = numeric.length * profileBytes + tested.length * batchRows * 8 * 2 + (refRows + curRows) * 4 * categorical.length;
  if (need > request.budgetBytes) {
    const name = request.budgetName ?? '--max-memory';
    throw new UsageError(
      `${name} ${formatBytes(request.budgetBytes)} is too small even to summarise the data: its ${numeric.length} numeric and ${categorical.length} categorical columns need about ${formatBytes(need)} (categorical columns keep 4 bytes a row); raise ${request.budgetName ?? '--max-memory (drift.maxMemory)'}`,
    );
  }

  const sides = [ref, cur].map((s, i) => {
    const profiles = new Map(numeric.map((name) => [name, new NumericProfile(i + 1)]));
    const codes = new Map(
      categorical.map((c) => [c.name, { codes: new Int32Array(1024), rows: 0, last: undefined as Column | undefined }]),
    );
    return { s, side: i === 0 ? ('reference' as const) : ('current' as const), profiles, codes, rows: 0 };
  });
  const read = (side: (typeof sides)[number], onColumn: (column: Column, rows: number) => void) =>
    readDataFileBatches(
      side.s.path,
      {
        format: side.s.format,
        schema,
        ...(side.s.delimiter ? { delimiter: side.s.delimiter } : {}),
        ...(request.strict !== undefined ? { strict: request.strict } : {}),
        onProgress: (r, t) => request.onProgress?.(side.side, r, t),
      },
      batchRows,
      (batch) => {
        for (const column of batch.columns) onColumn(column, batch.rowCount);
      },
    );
  // A scaled column's doubles, decoded into one reused array rather than a new one a batch and column
  // (reading `values` would decode into an array of its own: ~0.5 MB a batch, which the GC then chases).
  let decoded = new Float64Array(0);
  const valuesOf = (column: Extract<Column, { kind: 'numeric' }>, rows: number): Float64Array => {
    const scaled = column.scaled;
    if (scaled === undefined) return column.values;
    if (decoded.length < rows) decoded = new Float64Array(Math.max(rows, batchRows));
    return decodeScaled({ ints: scaled.ints.subarray(0, rows), scale: scaled.scale }, decoded);
  };
  for (const side of sides) {
    side.rows = await read(side, (column, rows) => {
      if (column.kind === 'numeric') {
        const p = side.profiles.get(column.name);
        if (!p) return;
        p.scan(valuesOf(column, rows), rows);
        p.invalid = column.invalid; // the builder's count so far
      } else if (column.kind === 'categorical' || column.kind === 'boolean') {
        const held = side.codes.get(column.name);
        if (!held) return;
        if (held.rows + rows > held.codes.length) {
          const grown = new Int32Array(Math.max(held.codes.length * 2, held.rows + rows));
          grown.set(held.codes.subarray(0, held.rows));
          held.codes = grown;
        }
        held.codes.set(column.codes.subarray(0, rows), held.rows);
        held.rows += rows;
        held.last = column;
      }
    });
  }
  for (const name of numeric) planProfileBins(sides[0].profiles.get(name) as NumericProfile, sides[1].profiles.get(name) as NumericProfile);
  if (numeric.length > 0) {
    for (const side of sides) {
      await read(side, (column, rows) => {
        if (column.kind !== 'numeric') return;
        const p = side.profiles.get(column.name);
        if (p) p.count(valuesOf(column, rows), rows);
      });
    }
  }
  const [reference, current] = sides.map(
    (side): ProfiledSide => ({
      source: side.s.path,
      rowCount: side.rows,
      profiles: side.profiles,
      order: tested.map((c) => c.name),
      columns: categorical.map((c): Column => {
        const held = side.codes.get(c.name) as { codes: Int32Array; rows: number; last: Column | undefined };
        const last = held.last as Extract<Column, { kind: 'categorical' | 'boolean' }>;
        return { ...last, codes: held.codes.subarray(0, held.rows) };
      }),
    }),
  );
  return { reference, current, memory: { budgetBytes: plan.budgetBytes, estimatedBytes: plan.estimatedBytes } };
}

/** Bytes as people write them: 400 MB, 1.5 GB (powers of 1024, one decimal). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}
