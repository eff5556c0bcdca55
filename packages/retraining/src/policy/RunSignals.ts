/** A metric alert of a monitor run, as the policy sees it. */
export interface MetricAlertSignal {
  /** The metric, as the performance config names it (`f1`, `f1:macro`, `rmse`). */
  readonly metric: string;
  /** `realised` (measured with labels) or `estimated` (label-free estimation). */
  readonly source: 'realised' | 'estimated';
  /** One line for people, e.g. `f1 0.61 < 0.7 in 2026-W10`. */
  readonly reason: string;
}

/** What the policy sees of a monitor run. */
export interface RunSignals {
  /** The run's id; run-triggered attempts are keyed by it. */
  readonly runId: string;
  readonly datasetDrifted: boolean;
  readonly driftedFeatures: readonly string[];
  /** Metric alerts of the run (realised or estimated). */
  readonly metricAlerts: readonly MetricAlertSignal[];
  /** Labelled rows in the current data (undefined when unknown). */
  readonly newLabelledRows?: number;
}
