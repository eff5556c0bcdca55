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
  /**
   * Id of the monitor run that computed the point (`driftwatch history` lists it). Not a
   * dimension: CloudWatch and Cloud Monitoring would make a new metric of every run. File sinks
   * write it and the outbox deduplicates by it, so a reader drops a point delivered twice
   * (delivery is at least once) by {@link metricPointKey}. Absent for points of `check`.
   */
  readonly runId?: string;
}

/**
 * What identifies a point across deliveries: its run id, name, timestamp, window and dimensions
 * (sorted; windows of rows without a timestamp column share the run's time). Two points with one
 * key are the same figure delivered twice.
 */
export function metricPointKey(p: MetricPoint): string {
  const dims = Object.keys(p.dimensions)
    .sort()
    .map((k) => `${k}=${p.dimensions[k]}`)
    .join(',');
  return `${p.runId ?? ''}|${p.name}|${p.timestamp}|${p.chunk ?? ''}|${dims}`;
}
