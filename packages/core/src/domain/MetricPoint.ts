/** A unit understood by the metric back ends (CloudWatch's names). */
export type MetricUnit = 'None' | 'Count' | 'Percent' | 'Seconds' | 'Milliseconds';

/** One figure published to a {@link MetricsSink}. */
export interface MetricPoint {
  /** Dotted name, e.g. `drift.statistic`, `drift.p_value`, `dataset.drift_share`. */
  readonly name: string;
  readonly value: number;
  readonly unit: MetricUnit;
  /** ISO-8601 timestamp. */
  readonly timestamp: string;
  /** Dimensions such as monitor, feature, method. */
  readonly dimensions: Readonly<Record<string, string>>;
  /**
   * The key of the window (chunk) a per-window figure was computed on, e.g. `2026-W14`. Not a
   * dimension: metric back ends get the window as the point's timestamp; alerts name it.
   */
  readonly chunk?: string;
}
