import type { ReadOptions } from '@driftwatch/core';
import type { SharedInput } from './io/SharedInput.js';

/** File formats the readers know. `tsv` is CSV with a tab delimiter. */
export const dataFormats = ['csv', 'tsv', 'jsonl', 'parquet'] as const;

/** One of {@link dataFormats}. */
export type DataFormat = (typeof dataFormats)[number];

/** How the head of a file is read to infer its schema. */
export interface InferOptions {
  /** The format; by default from the file extension (see `openDataSource`). */
  readonly format?: DataFormat;
  /** CSV field delimiter, one ASCII character. Default `,`, and a tab for `tsv`. */
  readonly delimiter?: string;
  /** Rows read from the head of the file to infer kinds. Default 10 000. */
  readonly sampleRows?: number;
  /** Kinds and roles that win over inference; a column named here must be in the file. */
  readonly schema?: ReadOptions['schema'];
  /** Bytes read per chunk. Default 1 MiB; tests use tiny chunks to hit every boundary. */
  readonly chunkSize?: number;
  readonly signal?: AbortSignal;
  /**
   * The file, already open and shared with the source's other reads
   * (`SharedInput`): the head and the full read then use one open of the
   * file. It is left open. Default: open and close `file` per read.
   */
  readonly input?: SharedInput;
}

/** Options of every reader: core {@link ReadOptions} plus format details. */
export interface DataReadOptions extends ReadOptions, InferOptions {
  readonly schema?: ReadOptions['schema'];
  readonly signal?: AbortSignal;
  /** How many invalid values each column keeps as samples. Default 5. */
  readonly maxInvalidSamples?: number;
  /**
   * Distinct values a categorical column may hold. A column with more (an id or free text read as
   * categories) stops the read early with `INPUT_TOO_MANY_CATEGORIES` naming it, before its dictionary
   * outgrows memory. Default 1 000 000.
   */
  readonly maxCategories?: number;
  /**
   * Read the file with synchronous calls. For a thread with nothing else to do while it reads (the
   * off-thread reader): the parse of a chunk holds the thread far longer than copying it from the page
   * cache, and an asynchronous read adds a trip through libuv's thread pool, which waits for a core when
   * both are parsing. Not for a thread whose event loop has other work (the run's other side starts
   * there). Default false.
   */
  readonly syncReads?: boolean;
}

/** Default of {@link InferOptions.sampleRows}. */
export const defaultSampleRows = 10_000;

/** Default of {@link InferOptions.chunkSize}. */
export const defaultChunkSize = 1 << 20;

/** Default of {@link DataReadOptions.maxInvalidSamples}. */
export const defaultMaxInvalidSamples = 5;

/** Default of {@link DataReadOptions.maxCategories}. */
export const defaultMaxCategories = 1_000_000;
