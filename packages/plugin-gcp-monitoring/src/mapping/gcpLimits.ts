/**
 * Cloud Monitoring's fixed limits for user-defined metrics, from
 * https://cloud.google.com/monitoring/quotas (system limits, not quotas: they cannot be raised).
 */
export const gcpLimits = {
  /** Time series in one `CreateTimeSeries` request; one point per series, so also points per request. */
  seriesPerRequest: 200,
  /** Labels a custom metric descriptor may declare. */
  labelsPerDescriptor: 30,
  /** Characters in a label key. */
  labelKeyLength: 100,
  /** Characters in a label value. */
  labelValueLength: 1024,
  /** Characters in a metric type (naming conventions). */
  metricTypeLength: 200,
  /** How far in the past a point's time may be when it is written, in ms: 25 hours (TimeInterval). */
  maxPointAgeMs: 25 * 60 * 60 * 1000,
  /** How far in the future a point's time may be when it is written, in ms: 5 minutes (TimeInterval). */
  maxPointFutureMs: 5 * 60 * 1000,
  /** Characters in an alert policy's user label key or value. */
  userLabelLength: 63,
} as const;
