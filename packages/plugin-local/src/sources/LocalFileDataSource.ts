import type { DataSource, Frame, ReadOptions, Schema } from '@driftwatch/core';
import { inferSchemaFromFile, readFrames } from '@driftwatch/data';

/** File formats read from the local disk. */
export type LocalFormat = 'csv' | 'tsv' | 'jsonl' | 'parquet';

/**
 * A local CSV, TSV, JSONL or Parquet file. `read` parses it on a worker
 * thread, so the reference and the current file of a check are read in
 * parallel on two cores.
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
    const [frame] = await readFrames([this.uri], {
      format: this.#readerFormat(),
      delimiter: this.#delimiter,
      schema: options.schema,
      strict: options.strict,
      onProgress: options.onProgress ? (_i: number, read: number, total: number | undefined) => options.onProgress?.(read, total) : undefined,
    });
    return frame;
  }

  #readerFormat(): 'csv' | 'jsonl' | 'parquet' {
    return this.#format === 'tsv' ? 'csv' : this.#format;
  }
}
