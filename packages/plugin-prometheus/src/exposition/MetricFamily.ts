/** One sample of a gauge: its labels (names already valid), value and optional time. */
export interface PrometheusSample {
  /** Label names valid for Prometheus (see `sanitizeLabelName`), values unescaped. */
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  /** Epoch milliseconds; written only when the exposition is asked for timestamps. */
  readonly timestampMs?: number;
}

/** A metric family of the text exposition format: one name, its help, its type and its samples. */
export interface MetricFamily {
  /** A valid metric name (see `sanitizeMetricName`). */
  readonly name: string;
  /** The `# HELP` text, unescaped. */
  readonly help: string;
  /** Driftwatch's figures are all gauges (a value at a time, not a running total). */
  readonly type: 'gauge';
  readonly samples: readonly PrometheusSample[];
}
