import { CsvParser } from '../csv/CsvParser.js';
import { csvDelimiter } from '../csv/csvDelimiter.js';
import type { DataReadOptions } from '../DataReadOptions.js';
import { extensionFormat, formatForPath } from '../formats/formatForPath.js';
import { streamBatches } from '../io/streamBatches.js';
import { JsonlParser } from '../jsonl/JsonlParser.js';
import type { ReadFrame } from '../ReadFrame.js';

/** Formats {@link readDataFileBatches} reads in batches (Parquet is read whole, row group by row group). */
export const batchFormats = ['csv', 'tsv', 'jsonl'] as const;

/**
 * Reads a CSV, TSV or JSON Lines file in batches of about `batchRows` rows
 * (see `streamBatches`), with the kinds, missing values and errors of
 * `readDataFile`. Memory is one batch, not the file.
 *
 * @returns the rows read.
 * @throws RangeError for a Parquet file (no batch reader).
 */
export function readDataFileBatches(
  file: string,
  options: DataReadOptions,
  batchRows: number,
  onBatch: (batch: ReadFrame) => void,
): Promise<number> {
  const format = options.format ?? formatForPath(file);
  if (format === 'jsonl') {
    return streamBatches(
      file,
      { ...options, format },
      (setup) => new JsonlParser(file, setup, options.strict ?? false),
      batchRows,
      onBatch,
    );
  }
  if (format === 'parquet') throw new RangeError(`${file}: Parquet files are not read in batches`);
  const tsv = format === 'tsv' || (options.format === undefined && extensionFormat(file) === 'tsv');
  const delimiter = csvDelimiter(options.delimiter, tsv);
  return streamBatches(
    file,
    { ...options, format: tsv ? 'tsv' : 'csv' },
    (setup) => new CsvParser(file, delimiter, setup, options.strict ?? false),
    batchRows,
    onBatch,
  );
}
