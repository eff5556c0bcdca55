import { parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { valueText } from '../columns/ColumnBuilder.js';
import { inputError } from '../errors/inputError.js';
import type { SharedInput } from '../io/SharedInput.js';
import { isMissingMarker } from '../missing/missingMarkers.js';
import type { SampleTable } from '../schema/SampleTable.js';
import { openParquet } from './openParquet.js';
import { parquetPagesProblem } from './parquetPagesProblem.js';
import { parquetParsers } from './parquetParsers.js';
import { parquetProblem } from './parquetProblem.js';

/** What {@link readParquetHead} reads. */
export interface ParquetHeadOptions {
  readonly sampleRows: number;
  /** Which columns need sample values, given the column names. */
  readonly wanted: (names: readonly string[]) => readonly boolean[];
  /** The file's shared handle (left open); default: open and close `file` here. */
  readonly input?: SharedInput;
}

/**
 * The columns of a Parquet file with the kinds its types declare, and the
 * first `sampleRows` values of the string columns whose kind is inferred.
 */
export async function readParquetHead(file: string, options: ParquetHeadOptions): Promise<SampleTable> {
  const pq = await openParquet(file, options.input);
  try {
    const names = pq.columns.map((c) => c.name);
    const wanted = options.wanted(names);
    const values: ((string | null)[] | undefined)[] = names.map(() => undefined);
    const read = names.filter((_, i) => wanted[i] && pq.columns[i].declared === undefined);
    const rows = Math.min(options.sampleRows, Number(pq.metadata.num_rows));
    if (read.length > 0 && rows > 0) {
      for (const name of read) values[names.indexOf(name)] = new Array(rows).fill(null);
      const head = (columns: string[]) =>
        parquetRead({
          file: pq.buffer,
          metadata: pq.metadata,
          columns,
          rowStart: 0,
          rowEnd: rows,
          parsers: parquetParsers,
          compressors,
          onChunk: ({ columnName, columnData, rowStart }) => {
            const target = values[names.indexOf(columnName)] as (string | null)[];
            for (let i = 0; i < columnData.length; i++) {
              const row = rowStart + i;
              if (row < 0 || row >= rows) continue;
              const v: unknown = columnData[i];
              target[row] = v === null || v === undefined ? null : typeof v === 'string' ? (isMissingMarker(v) ? null : v) : valueText(v);
            }
          },
        });
      // The pages of the first rows, checked as readParquet checks them (sample values never come from damaged pages).
      let groupStart = 0;
      for (const [g, group] of pq.metadata.row_groups.entries()) {
        if (groupStart >= rows) break;
        const groupEnd = groupStart + Number(group.num_rows);
        const pages = await parquetPagesProblem(pq, g, new Set(read), rows - groupStart);
        if (pages !== undefined) {
          throw inputError(
            'INPUT_BAD_PARQUET',
            { file, field: pages.column },
            `row group ${g + 1} (rows ${groupStart + 1}–${groupEnd}), column "${pages.column}": ${pages.problem}`,
          );
        }
        groupStart = groupEnd;
      }
      try {
        await head(read);
      } catch (error) {
        // Name the column: read them one by one (only on this failure path).
        for (const name of read) {
          try {
            await head([name]);
          } catch (inColumn) {
            throw inputError(
              'INPUT_BAD_PARQUET',
              { file, field: name },
              `column "${name}": cannot decode its first rows: ${parquetProblem(inColumn)}`,
              inColumn,
            );
          }
        }
        throw inputError('INPUT_BAD_PARQUET', { file }, `cannot decode the first rows: ${parquetProblem(error)}`, error);
      }
    }
    return { names, values, declared: pq.columns.map((c) => c.declared) };
  } finally {
    await pq.close();
  }
}
