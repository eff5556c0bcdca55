import { type HeadOptions, sampleHead } from '../io/sampleHead.js';
import type { SampleTable } from '../schema/SampleTable.js';
import { CsvParser } from './CsvParser.js';

/** What {@link readCsvHead} reads. */
export interface CsvHeadOptions extends HeadOptions {
  readonly delimiter: number;
}

/**
 * Reads the header and the first `sampleRows` rows of a CSV file as text (the
 * same parser and errors as `readCsv`), and stops.
 */
export function readCsvHead(file: string, options: CsvHeadOptions): Promise<SampleTable> {
  return sampleHead(file, options, (setup) => new CsvParser(file, options.delimiter, setup, false));
}
