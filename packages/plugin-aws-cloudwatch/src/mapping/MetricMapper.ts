import type { Dimension } from '@aws-sdk/client-cloudwatch';

/** Where a point (or an alert rule's metric) lands in CloudWatch. */
export interface CloudWatchMetricId {
  readonly namespace: string;
  readonly metricName: string;
  /** Sorted by name, so the same set always compares equal. */
  readonly dimensions: readonly Dimension[];
  /**
   * True when the dimensions are fixed by the mapping and do not depend on the
   * point's own dimensions (Model Monitor compat names): an alarm can watch this
   * metric before anything was published. Otherwise the published dimension
   * sets are only known from the points (see the alarm manager's expansion).
   */
  readonly closed?: boolean;
  /**
   * The statistic this point's value is of a StatisticSet (Model Monitor's `feature_data_<feature>`):
   * the sink sends the four points of one metric, time and dimensions as one datum with
   * `StatisticValues`. Absent: the point is a plain `Value`.
   */
  readonly statistic?: 'SampleCount' | 'Sum' | 'Minimum' | 'Maximum';
}

/** Why a point has no CloudWatch metric. */
export type UnmappedReason =
  /** The mapping has no place for it (e.g. a p-value in Model Monitor compat mode). */
  | 'unmapped'
  /** Its dimensions break CloudWatch's limits (more than 30, empty or too long values, too long name). */
  | 'invalid';

/** The outcome of mapping one point name and its dimensions. */
export type MappingOutcome =
  | { readonly ok: true; readonly metric: CloudWatchMetricId }
  | { readonly ok: false; readonly reason: UnmappedReason; readonly detail: string };

/** What the sink knows about the other points of a publish when it maps one. */
export interface MappingContext {
  /** The point's monitor also published `modelmonitor.baseline_drift` (a run against a Model Monitor baseline). */
  readonly modelMonitorBaselineDrift?: boolean;
}

/** Maps a point's name and dimensions to a CloudWatch namespace, MetricName and Dimensions. */
export interface MetricMapper {
  map(name: string, dimensions: Readonly<Record<string, string>>, context?: MappingContext): MappingOutcome;
}
