import type { DataSource, Frame, ReadOptions, Schema } from '@driftwatch/core';
import {
  type DataFormat,
  inferSchemaFromFile,
  type ReadWorker,
  readDataFile,
  readDataFileOffThread,
  SharedInput,
  startReadWorker,
} from '@driftwatch/data';

/** File formats read from the local disk: those of `@driftwatch/data`, one source type each. */
export type LocalFormat = DataFormat;

/**
 * A local CSV, TSV, JSONL or Parquet file, parsed in-process: on the calling thread, or with the
 * `offThread` hint on a worker thread (`readDataFileOffThread`; a check reads its current side so
 * while the reference is read on the main thread, see bench/README.md, W1).
 *
 * The schema's head read and the full read share one open of the file; the
 * full read, or {@link close}, releases it.
 */
export class LocalFileDataSource implements DataSource {
  readonly uri: string;
  readonly #format: LocalFormat;
  readonly #delimiter: string | undefined;
  readonly #input: SharedInput;
  /** The reading thread {@link prepareRead} started. */
  #started: ReadWorker | undefined;

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

  prepareRead(options: Pick<ReadOptions, 'offThread'>): void {
    if (options.offThread && this.#started === undefined) this.#started = startReadWorker(this.uri, this.#readerFormat());
  }

  async read(options: ReadOptions = {}): Promise<Frame> {
    try {
      const readOptions = {
        format: this.#readerFormat(),
        delimiter: this.#delimiter,
        schema: options.schema,
        strict: options.strict,
        onProgress: options.onProgress,
        signal: options.signal,
        ...(options.sortColumns ? { sortColumns: options.sortColumns } : {}),
      };
      // A small file stays on this thread and reads through the shared open; a worker opens the file itself.
      if (options.offThread) {
        return await readDataFileOffThread(this.uri, readOptions, {
          input: this.#input,
          ...(this.#started ? { started: this.#started } : {}),
        });
      }
      return await readDataFile(this.uri, { ...readOptions, input: this.#input });
    } finally {
      this.#started?.stop();
      await this.#input.close();
    }
  }

  /** Releases the file a schema read left open, and stops a reading thread no read took. */
  close(): Promise<void> {
    this.#started?.stop();
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
