import type { DataSource, Frame, ReadOptions, Schema } from '@driftwatch/core';
import { type DataFormat, inferSchemaFromFile, readDataFile, SharedInput } from '@driftwatch/data';

/** File formats read from the local disk: those of `@driftwatch/data`, one source type each. */
export type LocalFormat = DataFormat;

/**
 * A local CSV, TSV, JSONL or Parquet file, parsed in-process. (Reading the
 * reference and current files on two worker threads was measured on the W1
 * benchmark: no faster on this 2-core machine, since the parse is bound by
 * memory traffic, and ~95 MB more peak RSS per worker.)
 *
 * The schema's head read and the full read share one open of the file; the
 * full read, or {@link close}, releases it.
 */
export class LocalFileDataSource implements DataSource {
  readonly uri: string;
  readonly #format: LocalFormat;
  readonly #delimiter: string | undefined;
  readonly #input: SharedInput;

  constructor(path: string, format: LocalFormat, delimiter?: string) {
    this.uri = path;
    this.#format = format;
    this.#delimiter = format === 'tsv' ? (delimiter ?? '\t') : delimiter;
    this.#input = new SharedInput(path);
  }

  inferSchema(options?: { readonly sampleRows?: number }): Promise<Schema> {
    return inferSchemaFromFile(this.uri, {
      format: this.#readerFormat(),
      delimiter: this.#delimiter,
      sampleRows: options?.sampleRows,
      input: this.#input,
    });
  }

  async read(options: ReadOptions = {}): Promise<Frame> {
    try {
      return await readDataFile(this.uri, {
        format: this.#readerFormat(),
        delimiter: this.#delimiter,
        schema: options.schema,
        strict: options.strict,
        onProgress: options.onProgress,
        signal: options.signal,
        input: this.#input,
      });
    } finally {
      await this.#input.close();
    }
  }

  /** Releases the file a schema read left open. */
  close(): Promise<void> {
    return this.#input.close();
  }

  /** The lifecycle's end (a run stopped by SIGTERM before the full read): releases the file. */
  shutdown(): Promise<void> {
    return this.close();
  }

  #readerFormat(): 'csv' | 'jsonl' | 'parquet' {
    return this.#format === 'tsv' ? 'csv' : this.#format;
  }
}
