import type { DataSource, Frame, ReadOptions, Schema } from '@driftwatch/core';
import { inferSchemaFromFile, readDataFile } from '@driftwatch/data';

/** File formats read from the local disk. */
export type LocalFormat = 'csv' | 'tsv' | 'jsonl' | 'parquet';

/**
 * A local CSV, TSV, JSONL or Parquet file, parsed in-process. (Reading the
 * reference and current files on two worker threads was measured on the W1
 * benchmark: no faster on this 2-core machine, since the parse is bound by
 * memory traffic, and ~95 MB more peak RSS per worker; `readFrames` in
 * `@driftwatch/data` keeps that option for bigger machines.)
 */
export class LocalFileDataSource implements DataSource {
  readonly uri: string;
  readonly #format: LocalFormat;
  readonly #delimiter: string | undefined;

  constructor(path: string, format: LocalFormat, delimiter?: string) {
    this.uri = path;
    this.#format = format;
    this.#delimiter = format === 'tsv' ? (delimiter ?? '\t') : delimiter;
  }

  inferSchema(options?: { readonly sampleRows?: number }): Promise<Schema> {
    return inferSchemaFromFile(this.uri, { format: this.#readerFormat(), delimiter: this.#delimiter, sampleRows: options?.sampleRows });
  }

  async read(options: ReadOptions = {}): Promise<Frame> {
    return readDataFile(this.uri, {
      format: this.#readerFormat(),
      delimiter: this.#delimiter,
      schema: options.schema,
      strict: options.strict,
      onProgress: options.onProgress,
      signal: options.signal,
    });
  }

  #readerFormat(): 'csv' | 'jsonl' | 'parquet' {
    return this.#format === 'tsv' ? 'csv' : this.#format;
  }
}
