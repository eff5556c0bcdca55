/**
 * When a metric's value should alert. Bounds are clipped to the metric's range.
 * - `constant`: fixed `lower` and/or `upper` bounds.
 * - `maxDrop`: the value may get worse than the reference value by at most `drop` — absolute
 *   (`ref − drop` for higher-is-better metrics, `ref + drop` for losses) or, with `relative: true`,
 *   a fraction of it (`ref · (1 − drop)` / `ref · (1 + drop)`). The reference value is
 *   `referenceValue` or the mean of the reference chunks' values.
 * - `std`: NannyML's `StandardDeviationThreshold`: mean ± k·std of the reference chunks' values
 *   (population std, ddof 0 as `np.std`), `k` = 3 by default (`lowerK` / `upperK` override a side;
 *   `null` drops that side).
 */
export type Threshold =
  | { readonly type: 'constant'; readonly lower?: number | null; readonly upper?: number | null }
  | { readonly type: 'maxDrop'; readonly drop: number; readonly relative?: boolean; readonly referenceValue?: number }
  | { readonly type: 'std'; readonly k?: number; readonly lowerK?: number | null; readonly upperK?: number | null };
