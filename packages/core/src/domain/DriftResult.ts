import type { ColumnKind } from './ColumnKind.js';

/** Version of the JSON shape of {@link DriftReport}; bumped on breaking changes. */
export const driftReportSchemaVersion = 1 as const;

/** Correction of p-value thresholds for testing many columns at once. */
export type MultipleTestingCorrection = 'none' | 'bonferroni' | 'fdr';

/**
 * The rule sets that choose a column's method when none is named:
 * - `calibrated` (the default): Evidently's rules, except that the small-sample categorical test is the
 *   two-sample `chi2_contingency` instead of the goodness-of-fit `chisquare`, which takes the reference's
 *   proportions as exact and, with equal sample sizes, raises about five times as many false alarms as its
 *   threshold promises;
 * - `evidently`: Evidently's choices exactly, for the same verdicts as Evidently (and as Driftwatch before).
 */
export const driftDefaultSets = ['calibrated', 'evidently'] as const;

/** One of {@link driftDefaultSets}. */
export type DriftDefaults = (typeof driftDefaultSets)[number];

/** What the drift engine does with a column of one value on both sides: `count` it as not drifted (default, as Evidently) or `skip` it. */
export const constantColumnPolicies = ['count', 'skip'] as const;

/** One of {@link constantColumnPolicies}. */
export type ConstantColumns = (typeof constantColumnPolicies)[number];

/** The outcome of one drift method on one column. */
export interface MethodResult {
  /** The test statistic or distance; `null` when skipped, `Infinity` when unbounded. */
  readonly statistic: number | null;
  /** The p-value for hypothesis tests; `null` for distances and skipped columns. */
  readonly pValue: number | null;
  /** The threshold the statistic or p-value was compared with (after correction). */
  readonly threshold: number;
  readonly drifted: boolean;
  /** Why the method could not run (constant column, all missing, too few rows…). */
  readonly skipped?: string;
}

/** Missing-value counts of one side of a column. */
export interface SideCounts {
  readonly rows: number;
  /** Empty fields, missing markers and unreadable values. */
  readonly missing: number;
  /** Of `missing`: values that could not be read as the column's kind. */
  readonly invalid: number;
  /** Infinite values, excluded from the tests and counted here (numeric only). */
  readonly infinite: number;
}

/** One column's drift verdict. */
export interface ColumnDrift extends MethodResult {
  readonly column: string;
  readonly kind: ColumnKind;
  readonly method: string;
  /** `p_value` for hypothesis tests (drift when p is small), `distance` otherwise. */
  readonly measure: 'p_value' | 'distance';
  /** When the column drifts: `p<=t`, `p<t` (p-value vs threshold), `d>t` or `d>=t` (distance vs threshold). */
  readonly rule: 'p<=t' | 'p<t' | 'd>t' | 'd>=t';
  /**
   * `categorical` when a numeric column was tested as categories because Evidently's rule reads it so (integers
   * only, at most `integerCategories` distinct values in the reference); absent otherwise.
   */
  readonly testedAs?: 'categorical';
  readonly reference: SideCounts;
  readonly current: SideCounts;
  /**
   * How the column was evaluated when the run was over its memory budget (absent otherwise, when
   * every column is exact): `exact` (every value held), `histogram` (exact counts on the method's own
   * bins: the statistic equals the exact path's) or `sketch` (a CDF histogram on sampled quantile edges,
   * the statistic within {@link ColumnDrift.bound} of the exact value).
   */
  readonly path?: EvaluationPath;
  /**
   * For `path: 'sketch'`: the largest possible |statistic − exact statistic| (a hard bound, from the
   * counts, not a probability), and the interval the p-value lies in (tests only).
   */
  readonly bound?: { readonly statistic: number; readonly pValue?: readonly [number, number] };
  /**
   * Embedding columns only: the vectors' width, the method's parameters as given (`metric`, `bootstrap`,
   * `pcaComponents`, …; absent ones take Evidently's defaults) and, for bootstrap variants, the quantile
   * whose value is `threshold`.
   */
  readonly embedding?: {
    readonly dim: number;
    readonly parameters: Readonly<Record<string, string | number | boolean>>;
    readonly bootstrapQuantile?: number;
  };
  /**
   * Text columns only: the drift of each descriptor (tested as a numeric column, named
   * `<column>.<descriptor>`) and the words that separate the sides most in the content drift
   * (`currentWords`: typical of the current texts; `referenceWords`: of the reference's), with
   * whether its threshold was the bootstrap cut-off.
   */
  readonly text?: {
    readonly descriptors: readonly ColumnDrift[];
    readonly currentWords: readonly string[];
    readonly referenceWords: readonly string[];
    readonly bootstrap: boolean | null;
  };
}

/** How a column was evaluated: see {@link ColumnDrift.path}. */
export type EvaluationPath = 'exact' | 'histogram' | 'sketch';

/** The dataset-level verdict and per-column results, as `check --format json` prints them. */
export interface DriftReport {
  readonly schemaVersion: typeof driftReportSchemaVersion;
  readonly generatedAt: string;
  readonly reference: { readonly source: string; readonly rows: number };
  readonly current: { readonly source: string; readonly rows: number };
  readonly dataset: {
    readonly drifted: boolean;
    readonly driftedColumns: number;
    readonly testedColumns: number;
    readonly share: number;
    readonly datasetShare: number;
    readonly correction: MultipleTestingCorrection;
    /**
     * The rule set that chose the methods of columns without a named one. Absent from reports
     * recorded before the setting existed, whose defaults were Evidently's.
     */
    readonly defaults?: DriftDefaults;
    /**
     * Present when the data was over the memory budget (`--max-memory`) and columns were summarised
     * while reading: the budget and the exact path's estimated need, in bytes.
     */
    readonly memory?: { readonly budgetBytes: number; readonly estimatedBytes: number };
  };
  readonly columns: readonly ColumnDrift[];
}
