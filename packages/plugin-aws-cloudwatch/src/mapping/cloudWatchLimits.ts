/**
 * Service limits of CloudWatch's PutMetricData and PutMetricAlarm, from the
 * CloudWatch API reference (PutMetricData, MetricDatum, Dimension).
 */
export const cloudWatchLimits = {
  /** Metric data items in one PutMetricData request. */
  maxDatumsPerRequest: 1000,
  /**
   * Payload of one PutMetricData HTTP POST ("1 MB"); read as 10^6 bytes, the
   * smaller reading, and compared with a conservative size estimate.
   */
  maxRequestBytes: 1_000_000,
  /** Dimensions on one metric. */
  maxDimensions: 30,
  /** Length of a dimension name. */
  maxDimensionNameLength: 255,
  /** Length of a dimension value. */
  maxDimensionValueLength: 1024,
  /** Length of a metric name and of a namespace. */
  maxNameLength: 255,
  /** Largest magnitude CloudWatch accepts for a value (2^360). */
  maxMagnitude: 2 ** 360,
  /** Smallest non-zero magnitude CloudWatch accepts for a value (2^-360). */
  minMagnitude: 2 ** -360,
  /** How far in the past a point's timestamp may be (two weeks), in ms. */
  maxPastMs: 14 * 24 * 3600_000,
  /** How far in the future a point's timestamp may be (two hours), in ms. */
  maxFutureMs: 2 * 3600_000,
  /** Alarm names per DeleteAlarms request. */
  maxAlarmsPerDelete: 100,
} as const;
