import { readCsv } from '../csv/readCsv.js';
import type { DataReadOptions } from '../DataReadOptions.js';
import { readJsonl } from '../jsonl/readJsonl.js';
import type { ReadFrame } from '../ReadFrame.js';
import { formatForPath } from './formatForPath.js';

// The Parquet reader (hyparquet and its WASM decompressors) loads only when a Parquet file is read.

/** Reads a file in-process with the reader of its format (`options.format`, else its extension). */
export function readDataFile(file: string, options: DataReadOptions = {}): Promise<ReadFrame> {
  const format = options.format ?? formatForPath(file);
  switch (format) {
    case 'csv':
    case 'tsv':
      return readCsv(file, { ...options, format });
    case 'jsonl':
      return readJsonl(file, options);
    case 'parquet':
      return import('../parquet/readParquet.js').then((m) => m.readParquet(file, options));
  }
}
