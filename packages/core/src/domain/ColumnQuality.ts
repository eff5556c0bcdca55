import type { ColumnKind } from './ColumnKind.js';

/**
 * Current values of a categorical or boolean column that the reference never
 * takes. Shares are of all the rows of the compared data (missing included);
 * `null` when it has no rows.
 */
export interface UnseenCategories {
  /** Rows holding an unseen category. */
  readonly rows: number;
  readonly share: number | null;
  /** Distinct unseen categories. */
  readonly distinct: number;
  /** At most 5 unseen categories, most frequent first (ties by name). */
  readonly examples: readonly string[];
}

/**
 * Values of a numeric or datetime column outside the reference's range. The
 * range is over the reference's finite values (`null` bounds when it has
 * none, and then nothing counts as outside); an infinite current value is
 * below or above it. Shares are of all rows, `null` when there are none.
 */
export interface OutOfRange {
  readonly referenceMin: number | null;
  readonly referenceMax: number | null;
  readonly below: number;
  readonly above: number;
  readonly belowShare: number | null;
  readonly aboveShare: number | null;
}

/**
 * Data quality of one column of the current data (or of one chunk of it)
 * against the reference. Holds no `NaN` or infinity, so `JSON.stringify`
 * keeps every figure.
 */
export interface ColumnQuality {
  readonly column: string;
  readonly kind: ColumnKind;
  readonly rows: number;
  /** Missing values: empty, missing markers, unreadable values (numeric `NaN`, code `-1`, text `null`, a vector with a `NaN`). */
  readonly missing: number;
  /** `missing / rows`, `null` when there are no rows. */
  readonly missingShare: number | null;
  /**
   * Of `missing`, values that could not be read as the column's kind. The
   * readers count these per file, not per row, so a chunk reports `null`.
   */
  readonly invalid: number | null;
  /** Categorical and boolean columns; `null` for other kinds. */
  readonly unseen: UnseenCategories | null;
  /** Numeric and datetime columns; `null` for other kinds. */
  readonly range: OutOfRange | null;
}
