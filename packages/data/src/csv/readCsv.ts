import type { DataReadOptions } from '../DataReadOptions.js';
import { extensionFormat } from '../formats/formatForPath.js';
import { streamRecords } from '../io/streamRecords.js';
import type { ReadFrame } from '../ReadFrame.js';
import { CsvParser } from './CsvParser.js';
import { csvDelimiter } from './csvDelimiter.js';

/**
 * Reads a CSV (RFC 4180) or TSV file into a frame, streaming it in chunks
 * (1 MiB by default) straight into typed-array columns.
 *
 * Kinds come from `options.schema`, the rest inferred from the head of the
 * file (`inferSchemaFromFile`); columns whose role is `ignored` are
 * skipped. Missing values: empty fields and the `missingMarkers`. A value
 * that cannot be read as its column's kind is stored as missing and counted
 * in the column's `invalid` (with samples), or with `strict` is
 * `INPUT_INVALID_VALUE`. Malformed input throws an `InputError` naming the
 * file, line and column.
 *
 * `options.format` `tsv` (or, without a format, a TSV extension: `.tsv`, `.tab`) makes a tab the default delimiter.
 */
export async function readCsv(file: string, options: DataReadOptions = {}): Promise<ReadFrame> {
  const tsv = options.format === 'tsv' || (options.format === undefined && extensionFormat(file) === 'tsv');
  const delimiter = csvDelimiter(options.delimiter, tsv);
  return streamRecords(
    file,
    { ...options, format: tsv ? 'tsv' : 'csv' },
    (setup) => new CsvParser(file, delimiter, setup, options.strict ?? false),
  );
}
