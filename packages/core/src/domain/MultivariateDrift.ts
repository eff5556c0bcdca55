/**
 * Multivariate drift methods: `reconstruction` (NannyML's
 * `DataReconstructionDriftCalculator`: PCA reconstruction error) and
 * `classifier` (NannyML's `DomainClassifierCalculator`: cross-validated ROC
 * AUC of a model telling reference rows from a chunk's rows).
 */
export const multivariateMethods = ['reconstruction', 'classifier'] as const;

/** One of {@link multivariateMethods}. */
export type MultivariateMethod = (typeof multivariateMethods)[number];

/** The multivariate score of one chunk of the current data. */
export interface MultivariatePoint {
  readonly chunk: string;
  /** ISO-8601 UTC, as the chunk's (absent for row chunks without a timestamp column). */
  readonly startDate?: string;
  readonly endDate?: string;
  readonly rows: number;
  /** Mean reconstruction error (`reconstruction`) or ROC AUC (`classifier`); `null` when the chunk could not be scored. */
  readonly value: number | null;
  /** `reconstruction`: standard error of the chunk's mean error, std(ddof 1) / √rows; `null` for one row and for `classifier`. */
  readonly samplingError: number | null;
  /** The lower threshold (`null`: none); the same for every chunk. */
  readonly lower: number | null;
  /** The upper threshold (`null`: none). */
  readonly upper: number | null;
  /** The value lies outside (lower, upper), bounds excluded. */
  readonly alert: boolean;
}

/**
 * Multivariate drift of a chunked check: one score per chunk from all tested
 * columns together, with thresholds. `check --multivariate … --format json`
 * prints it as the report's `multivariate` object:
 *
 * ```jsonc
 * { "method": "reconstruction", "columns": ["age", "income", "city"], "skipped": [],
 *   "components": 2, "explainedVariance": 0.71,
 *   "reference": { "values": [1.02, 0.98, 1.01] },   // reference chunks' scores (reconstruction)
 *   "lower": 0.93, "upper": 1.08,
 *   "points": [ { "chunk": "rows 0–999", "rows": 1000, "value": 1.21, "samplingError": 0.02,
 *                 "lower": 0.93, "upper": 1.08, "alert": true } ],
 *   "summary": { "alerts": 1, "drifted": true, "alertChunkKeys": ["rows 0–999"] } }
 * ```
 */
export interface MultivariateDrift {
  readonly method: MultivariateMethod;
  /** The columns scored together, in order: numeric first, then categorical and boolean. */
  readonly columns: readonly string[];
  /** Columns left out, with why (text, datetime and embedding kinds; no value in the reference). */
  readonly skipped: readonly { readonly column: string; readonly reason: string }[];
  /** `reconstruction`: principal components kept (enough for 65% of the reference's variance). */
  readonly components?: number;
  /** `reconstruction`: share of the reference's variance those components explain. */
  readonly explainedVariance?: number;
  /** `reconstruction`: the score of each reference chunk, which gave the thresholds. */
  readonly reference?: { readonly values: readonly (number | null)[] };
  readonly lower: number | null;
  readonly upper: number | null;
  readonly points: readonly MultivariatePoint[];
  readonly summary: { readonly alerts: number; readonly drifted: boolean; readonly alertChunkKeys: readonly string[] };
}
