import type { Frame } from '../domain/Frame.js';
import type { Schema } from '../domain/Schema.js';
import type { SourceFigure } from '../domain/SourceFigure.js';

/** How a {@link DataSource} reads. */
export interface ReadOptions {
  /** Kinds (and roles) to read with; columns absent from it are inferred. */
  readonly schema?: Schema;
  /** Fail on the first value that cannot be read as its column's kind, instead of counting it. */
  readonly strict?: boolean;
  /** Called now and then with bytes read so far and the total when known. */
  readonly onProgress?: (bytesRead: number, totalBytes: number | undefined) => void;
  readonly signal?: AbortSignal;
  /**
   * Columns the caller sorts next (a two-sample test reads values, not rows): a source may return
   * each of them that is numeric with every value finite already sorted ascending, its rows out of
   * file order. A hint; a source that ignores it returns file order.
   */
  readonly sortColumns?: readonly string[];
  /**
   * Parse on a worker thread, so that another read (the other side of a check) runs at the same
   * time on another core. A hint: a source that cannot (or whose data is too small to pay for a
   * thread) reads on the calling thread.
   */
  readonly offThread?: boolean;
}

/** Yields the rows of a reference, current or label set as a columnar {@link Frame}. */
export interface DataSource {
  /** A path or URI naming the source, for messages. */
  readonly uri: string;
  /**
   * Infers the schema from the head of the source (or reads the one it stores),
   * so one schema can be applied to both the reference and the current data.
   */
  inferSchema(options?: { readonly sampleRows?: number }): Promise<Schema>;
  /**
   * Said before {@link inferSchema} when the coming {@link read} is known to be off-thread: a source
   * may start its reading thread then, so that the thread loads while the schema is inferred.
   * Optional; {@link close} stops a thread no read took.
   */
  prepareRead?(options: Pick<ReadOptions, 'offThread'>): void;
  /** Reads the whole source; throws `InputError` naming file, line and column on bad input. */
  read(options?: ReadOptions): Promise<Frame>;
  /**
   * Releases what {@link inferSchema} kept open for the {@link read} that
   * usually follows (a file source reads its head and its body through one
   * open). Idempotent; the run pipeline calls it once the side is read.
   */
  close?(): Promise<void>;
  /**
   * Figures of the rows the last {@link read} returned that the source computes itself (an LLM
   * traffic source's refusal rate, judge scores on a sample), available once `read` resolved and
   * after {@link close}. A monitor run publishes its current side's with the run's points, stamped
   * with the run's time and carrying the `monitor` dimension, checks alert rules on them, and keeps
   * both sides' in the result's `sourceFigures` section. Optional; most sources have none.
   */
  figures?(): readonly SourceFigure[];
}
