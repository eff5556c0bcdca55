import { sortFiniteColumns } from '../columns/sortFiniteColumns.js';
import { readCsv } from '../csv/readCsv.js';
import type { DataReadOptions } from '../DataReadOptions.js';
import { formatForPath } from '../formats/formatForPath.js';
import { readJsonl } from '../jsonl/readJsonl.js';
import { readParquet } from '../parquet/readParquetLazily.js';
import type { ReadFrame } from '../ReadFrame.js';

/**
 * Reads a file in-process with the reader of its format (`options.format`, else its extension). The
 * numeric columns named in `options.sortColumns` with every value finite come back sorted ascending.
 */
export async function readDataFile(file: string, options: DataReadOptions = {}): Promise<ReadFrame> {
  const frame = await readByFormat(file, options);
  if (options.sortColumns && options.sortColumns.length > 0) sortFiniteColumns(frame.columns, options.sortColumns);
  return frame;
}

function readByFormat(file: string, options: DataReadOptions): Promise<ReadFrame> {
  const format = options.format ?? formatForPath(file);
  switch (format) {
    case 'csv':
    case 'tsv':
      return readCsv(file, { ...options, format });
    case 'jsonl':
      return readJsonl(file, options);
    case 'parquet':
      return readParquet(file, options);
  }
}
