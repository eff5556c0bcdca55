/** A numeric column: one float per row, `NaN` for missing. Infinite values are kept as read and counted by profiles. */
export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  readonly values: Float64Array;
  /** Rows whose text could not be read as a number (counted as missing). */
  readonly invalid: number;
  /**
   * True when the reader sorted the values ascending and every one is finite (no missing value): a
   * consumer can skip the pass that checks it. Absent when unknown.
   */
  readonly sorted?: boolean;
  /**
   * True when the reader saw every value finite as it stored them (no missing value, no infinity):
   * a consumer can skip the pass that checks it. Absent when unknown.
   */
  readonly finite?: boolean;
  /**
   * The same values as scaled decimals, when a reader stored them so (CSV columns whose numbers have
   * few digits): 4 bytes a value. `values` is then decoded from them when first read
   * (`scaledNumericColumn`); a consumer that can work from the integers, or wants the doubles only
   * for a while (`decodeScaled` into an array of its own), saves the 8 bytes a value.
   */
  readonly scaled?: ScaledDecimals;
}

/**
 * Decimal fixed point: value `i` is exactly `ints[i] / 10^scale`, every one finite (no missing value).
 * Integers order as their values do.
 */
export interface ScaledDecimals {
  readonly ints: Int32Array;
  /** Digits after the point, 0–9. */
  readonly scale: number;
}

/** A datetime column: epoch milliseconds, `NaN` for missing. */
export interface DatetimeColumn {
  readonly kind: 'datetime';
  readonly name: string;
  readonly values: Float64Array;
  readonly invalid: number;
}

/**
 * A dictionary-encoded column (categorical or boolean): `codes[i]` indexes
 * `dictionary`, `-1` marks a missing value.
 */
export interface CategoricalColumn {
  readonly kind: 'categorical' | 'boolean';
  readonly name: string;
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
  readonly invalid: number;
}

/** Free text, `null` for missing. */
export interface TextColumn {
  readonly kind: 'text';
  readonly name: string;
  readonly values: readonly (string | null)[];
  readonly invalid: number;
}

/**
 * Fixed-width vectors: `values` holds rows × `dim` floats, row-major. The readers store float64 (the
 * reference implementations compute in float64); float32 is accepted for vectors built in memory.
 */
export interface EmbeddingColumn {
  readonly kind: 'embedding';
  readonly name: string;
  readonly dim: number;
  readonly values: Float32Array | Float64Array;
  readonly invalid: number;
}

/** Any column of a {@link Frame}. */
export type Column = NumericColumn | DatetimeColumn | CategoricalColumn | TextColumn | EmbeddingColumn;

/** A columnar table: every column has `rowCount` rows. */
export interface Frame {
  readonly rowCount: number;
  readonly columns: readonly Column[];
  /** Where the frame came from (a path or URI), for messages. */
  readonly source: string;
}

/** Finds a column by name. */
export function getColumn(frame: Frame, name: string): Column | undefined {
  return frame.columns.find((c) => c.name === name);
}
