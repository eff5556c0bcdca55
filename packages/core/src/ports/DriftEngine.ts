import type { ConstantColumns, DriftDefaults, DriftReport, MultipleTestingCorrection } from '../domain/DriftResult.js';
import type { Frame } from '../domain/Frame.js';

/** Which columns to test and how. */
export interface DriftOptions {
  /** Columns to test; all shared columns when absent. */
  readonly columns?: readonly string[];
  readonly ignore?: readonly string[];
  /** Method for every column (`*`) or per column name. */
  readonly methods?: Readonly<Record<string, string>>;
  /** Threshold for every column (`*`) or per column name. */
  readonly thresholds?: Readonly<Record<string, number>>;
  /** Share of drifted columns at which the dataset counts as drifted (default 0.5). */
  readonly datasetShare?: number;
  readonly correction?: MultipleTestingCorrection;
  /**
   * Which rules choose the method of a column without a named one: `calibrated` (default) or
   * `evidently` (Evidently's exact choices). Recorded in the report's `dataset.defaults`.
   */
  readonly defaults?: DriftDefaults;
  /**
   * A column with one value on both sides (a constant column, or a single category): `count` (default, as
   * Evidently) tests it as not drifted — statistic 0, p-value 1 for tests — and counts it in the dataset
   * share; `skip` leaves it out of the share with a `skipped` reason (Driftwatch before 0.2).
   */
  readonly constantColumns?: ConstantColumns;
  /**
   * Evidently's column-type rule: a numeric column whose values are all integers, with none missing (what
   * pandas reads as an integer dtype), and at most this many distinct values in the reference is tested as
   * categorical when no method is named for it. Default 10 (Evidently's `INTEGER_CARDINALITY_LIMIT`); 0
   * turns the rule off.
   */
  readonly integerCategories?: number;
  /**
   * Seed of the permutation tests (default 0). Each column's permutations are drawn from this seed mixed
   * with the column's name, so columns' Monte Carlo errors are independent and a result does not depend on
   * which other columns are tested.
   */
  readonly seed?: number;
  /**
   * Threads a test may use: 1 keeps every computation on the calling thread; by default a computation
   * that pays for a second thread uses one (today the exact Smirnov sum of a KS p-value on samples of
   * ~100 000 rows or more). No result depends on it.
   */
  readonly threads?: number;
  /**
   * Text columns: descriptors beyond the built-in ones, per column: `regex` (name → pattern the whole
   * text matches), `contains` (name → substrings, any), `beginsWith` (name → prefix); each a 0/1 descriptor.
   */
  readonly textDescriptors?: Readonly<
    Record<
      string,
      {
        readonly regex?: Readonly<Record<string, string>>;
        readonly contains?: Readonly<Record<string, readonly string[]>>;
        readonly beginsWith?: Readonly<Record<string, string>>;
      }
    >
  >;
  /**
   * Lets the engine sort the numeric columns of the frames it is given in
   * place. No result depends on row order (sums may round by an ulp), and the
   * sort-based methods then reuse one sorted array instead of each sorting a
   * copy: on 1 000 000-row columns this saves tens of MB of peak memory. For
   * callers that own the frames and do not use them afterwards. Default false.
   */
  readonly reorderRows?: boolean;
}

/** Compares a reference frame with a current one, column by column. */
export interface DriftEngine {
  compare(reference: Frame, current: Frame, options?: DriftOptions): DriftReport;
  /**
   * Whether the method named `method` wants a numeric column's values sorted before {@link compare}
   * (with `reorderRows` the engine sorts them itself; a reader with a thread to spare may sort them
   * first). False for a method that reads them in any order as fast. Absent: assume it does.
   */
  wantsSorted?(method: string): boolean;
  /**
   * Said as soon as the sides' sizes are known or estimated, before {@link compare} (a check says it
   * when its reference is read, while the current side's thread still reads): a named method that
   * shares its work with a worker thread may start that thread now, so that it loads while this
   * thread waits. Changes no result; `compare` starts what it needs anyway.
   */
  warm?(options: Pick<DriftOptions, 'methods' | 'threads'>, referenceRows: number, currentRows: number): void;
}
