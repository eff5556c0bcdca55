import type { ColumnSpec } from '@driftwatch/core';
import { parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { ColumnBuilder } from '../columns/ColumnBuilder.js';
import { valueText } from '../columns/ColumnBuilder.js';
import { createBuilder } from '../columns/createBuilder.js';
import { NumericBuilder } from '../columns/NumericBuilder.js';
import { type DataReadOptions, defaultMaxInvalidSamples } from '../DataReadOptions.js';
import { inputError } from '../errors/inputError.js';
import { invalidValueError } from '../errors/invalidValueError.js';
import type { ReadFrame } from '../ReadFrame.js';
import { inferSchemaFromFile } from '../schema/inferSchemaFromFile.js';
import { openParquet } from './openParquet.js';
import { parquetPagesProblem } from './parquetPagesProblem.js';
import { parquetParsers } from './parquetParsers.js';
import { parquetProblem } from './parquetProblem.js';

/**
 * Reads a Parquet file into a frame with hyparquet, one row group at a time,
 * straight into the column builders. Integer, float, double and decimal
 * columns are numeric (int64 converted from BigInt), booleans boolean, dates
 * and timestamps datetime (epoch ms), strings categorical or text by
 * inference, nested columns text (their JSON). Codecs: all of Parquet's
 * but LZO (snappy by hyparquet; gzip, brotli, zstd, lz4 by
 * hyparquet-compressors, as Polars writes zstd by default); an undecodable
 * file is `INPUT_BAD_PARQUET`.
 *
 * Invalid values (only possible when `options.schema` forces a kind) are
 * located by row: `line` is the 1-based row number and `column` 0.
 */
export async function readParquet(file: string, options: DataReadOptions = {}): Promise<ReadFrame> {
  const schema = await inferSchemaFromFile(file, { ...options, format: 'parquet' });
  const specs = new Map(schema.columns.map((c) => [c.name, c]));
  const maxInvalidSamples = options.maxInvalidSamples ?? defaultMaxInvalidSamples;
  const strict = options.strict ?? false;
  const pq = await openParquet(file, options.input);
  try {
    const rows = Number(pq.metadata.num_rows);
    if (rows === 0) throw inputError('INPUT_NO_ROWS', { file }, 'no rows');
    const builders = new Map<string, ColumnBuilder>();
    const ordered: ColumnBuilder[] = [];
    pq.columns.forEach((c, i) => {
      const spec: ColumnSpec = specs.get(c.name) ?? { name: c.name, kind: 'text' };
      const b = createBuilder(file, spec, i + 1, maxInvalidSamples, options.maxCategories);
      if (!b) return;
      b.ensureCapacity(rows);
      builders.set(c.name, b);
      ordered.push(b);
    });
    const invalid = (b: ColumnBuilder, row: number, value: unknown) => {
      const text = valueText(value);
      if (strict) {
        throw invalidValueError({ file }, b, text, `row ${row + 1}, `);
      }
      b.noteInvalid(row + 1, 0, text);
    };
    let groupStart = 0;
    let bytesDone = 0;
    for (const [g, group] of pq.metadata.row_groups.entries()) {
      options.signal?.throwIfAborted();
      const groupEnd = groupStart + Number(group.num_rows);
      const damaged = (column: string | undefined, problem: string, cause?: unknown) =>
        inputError(
          'INPUT_BAD_PARQUET',
          { file, ...(column !== undefined ? { field: column } : {}) },
          `row group ${g + 1} (rows ${groupStart + 1}–${groupEnd})${column !== undefined ? `, column "${column}"` : ''}: ${problem}`,
          cause,
        );
      // Rows each column delivered: a page that decodes to fewer or more values than the group's rows is damaged.
      const delivered = new Map<string, number>();
      let failure: unknown;
      const read = (columns: string[]) =>
        parquetRead({
          file: pq.buffer,
          metadata: pq.metadata,
          columns,
          rowStart: groupStart,
          rowEnd: groupEnd,
          parsers: parquetParsers,
          compressors,
          onChunk: ({ columnName, columnData, rowStart }) => {
            const b = builders.get(columnName);
            if (!b || failure) return;
            try {
              delivered.set(
                columnName,
                (delivered.get(columnName) ?? 0) +
                  Math.max(0, Math.min(groupEnd, rowStart + columnData.length) - Math.max(groupStart, rowStart)),
              );
              const undecoded = fill(b, columnData, rowStart, groupStart, groupEnd, invalid);
              if (undecoded >= 0) {
                failure = damaged(
                  columnName,
                  `the value of row ${undecoded + 1} cannot be decoded (an index outside the column's dictionary)`,
                );
              }
            } catch (error) {
              failure = error;
            }
          },
        });
      // Damage pyarrow refuses and hyparquet does not check (page headers, levels): found before decoding.
      const pages = await parquetPagesProblem(pq, g, new Set(builders.keys()));
      if (pages !== undefined) throw damaged(pages.column, pages.problem);
      try {
        await read([...builders.keys()]);
      } catch (error) {
        // Find the column to name: read them one by one (only on this failure path).
        for (const name of builders.keys()) {
          try {
            await read([name]);
          } catch (inColumn) {
            throw damaged(name, parquetProblem(inColumn), inColumn);
          }
        }
        throw damaged(undefined, parquetProblem(error), error);
      }
      if (failure) throw failure;
      for (const name of builders.keys()) {
        const got = delivered.get(name) ?? 0;
        if (got !== groupEnd - groupStart) throw damaged(name, `${got} values decoded for ${groupEnd - groupStart} rows`);
      }
      groupStart = groupEnd;
      for (const chunk of group.columns) bytesDone += Number(chunk.meta_data?.total_compressed_size ?? 0n);
      options.onProgress?.(Math.min(bytesDone, pq.size), pq.size);
    }
    return { source: file, rowCount: rows, columns: ordered.map((b) => b.build(rows)) };
  } finally {
    await pq.close();
  }
}

/**
 * Copies the part of a decoded chunk within `[from, to)` into `b`. Returns -1, or the first row whose value
 * hyparquet left `undefined` (missing values are `null`): a dictionary index outside the dictionary.
 */
function fill(
  b: ColumnBuilder,
  data: ArrayLike<unknown>,
  rowStart: number,
  from: number,
  to: number,
  invalid: (b: ColumnBuilder, row: number, value: unknown) => void,
): number {
  const first = Math.max(from, rowStart);
  const last = Math.min(to, rowStart + data.length);
  if (b instanceof NumericBuilder) {
    const values = b.values;
    // Stored without a look at each value: NaN and infinities may be among them.
    b.allFinite = false;
    if (data instanceof Float64Array || data instanceof Float32Array || data instanceof Int32Array || data instanceof Uint32Array) {
      for (let row = first; row < last; row++) values[row] = data[row - rowStart];
      return -1;
    }
    if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
      for (let row = first; row < last; row++) values[row] = Number(data[row - rowStart]);
      return -1;
    }
  }
  for (let row = first; row < last; row++) {
    const v = data[row - rowStart];
    if (v === undefined) return row;
    if (!b.setValue(row, v)) invalid(b, row, v);
  }
  return -1;
}
