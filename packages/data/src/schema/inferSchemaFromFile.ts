import type { Schema } from '@driftwatch/core';
import { csvDelimiter } from '../csv/csvDelimiter.js';
import { readCsvHead } from '../csv/readCsvHead.js';
import { defaultChunkSize, defaultSampleRows, type InferOptions } from '../DataReadOptions.js';
import { formatForPath } from '../formats/formatForPath.js';
import { readJsonlHead } from '../jsonl/readJsonlHead.js';
import { columnsToInfer, inferSchema } from './inferSchema.js';
import type { SampleTable } from './SampleTable.js';

/**
 * The schema of a file, reading only its head: the header (or first JSON
 * object, or Parquet footer) for the columns, then the first `sampleRows`
 * rows (default 10 000) for the kinds `options.schema` does not give. A
 * column of `options.schema` that the file lacks is `INPUT_UNKNOWN_COLUMN`.
 *
 * Read the reference's schema with this, then read both sides with it, so
 * both frames have the same kinds.
 */
export async function inferSchemaFromFile(file: string, options: InferOptions = {}): Promise<Schema> {
  const format = options.format ?? formatForPath(file);
  const sampleRows = options.sampleRows ?? defaultSampleRows;
  const chunkSize = options.chunkSize ?? defaultChunkSize;
  const wanted = (names: readonly string[]) => columnsToInfer(names, options.schema);
  let sample: SampleTable;
  switch (format) {
    case 'csv':
    case 'tsv':
      sample = await readCsvHead(file, {
        delimiter: csvDelimiter(options.delimiter, format === 'tsv'),
        sampleRows,
        chunkSize,
        wanted,
        signal: options.signal,
        input: options.input,
      });
      break;
    case 'jsonl':
      sample = await readJsonlHead(file, { sampleRows, chunkSize, wanted, signal: options.signal, input: options.input });
      break;
    case 'parquet':
      sample = await (await import('../parquet/readParquetHead.js')).readParquetHead(file, { sampleRows, wanted, input: options.input });
      break;
  }
  return inferSchema(file, sample, options.schema);
}
