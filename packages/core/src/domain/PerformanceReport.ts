import type { Bounds } from './Bounds.js';

/** Version of the JSON shape of {@link PerformanceReport}; bumped on breaking changes. */
export const performanceReportSchemaVersion = 1 as const;

/**
 * One metric's figure. `value` is `null` when the metric is undefined on the
 * rows (one class only, no predicted positives…), with scikit-learn's case in
 * `reason`; it is never NaN.
 */
export interface MetricFigure {
  /** Canonical spec text: `f1`, `f1:macro`, `fbeta:binary:beta=0.5`. */
  readonly metric: string;
  readonly value: number | null;
  readonly reason?: string;
  /** Percentile bootstrap interval (when asked for). */
  readonly ci?: { readonly lower: number | null; readonly upper: number | null; readonly level: number; readonly resamples: number };
}

/** One chunk's value of a metric with its sampling-error band and alert. */
export interface MetricPointFigure {
  readonly chunk: string;
  /** ISO-8601 UTC start of the chunk, when the chunking dates chunks (period chunks, or a timestamp column). */
  readonly startDate?: string;
  /** ISO-8601 UTC end of the chunk (exclusive for period chunks, the latest timestamp for row chunks). */
  readonly endDate?: string;
  readonly rows: number;
  /** Rows with a label (and prediction) the metric was computed on. */
  readonly labelledRows: number;
  readonly value: number | null;
  readonly reason?: string;
  /** Standard error of the metric for a chunk of this size (from the reference, else the data itself). */
  readonly samplingError: number | null;
  /** `value ± 3·samplingError`, clipped to the metric's range. */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly alert: boolean;
  /** `below` the lower threshold or `above` the upper one. */
  readonly side?: 'below' | 'above';
}

/** A metric per chunk, with its thresholds. */
export interface MetricSeries {
  readonly metric: string;
  /** Where the thresholds came from: `std` (reference chunks, mean ± k·std), `maxDrop`, `constant`, or `none`. */
  readonly thresholdType: 'std' | 'maxDrop' | 'constant' | 'none';
  readonly threshold: Bounds;
  /** The metric on each reference chunk (present when a reference was given). */
  readonly reference?: readonly { readonly chunk: string; readonly value: number | null }[];
  readonly points: readonly MetricPointFigure[];
}

/**
 * What `driftwatch metrics --format json` prints: the realised performance of
 * a model on labelled data, over all rows and, with a window, per chunk.
 */
export interface PerformanceReport {
  readonly schemaVersion: typeof performanceReportSchemaVersion;
  readonly kind: 'performance';
  readonly generatedAt: string;
  readonly task: 'binary' | 'multiclass' | 'regression';
  /** Class labels in metric order (classification). */
  readonly classes?: readonly string[];
  /** Binary: the positive class's label. */
  readonly positive?: string;
  readonly data: { readonly source: string; readonly rows: number; readonly labelledRows: number };
  readonly reference?: { readonly source: string; readonly rows: number; readonly labelledRows: number };
  /** Over every labelled row. */
  readonly metrics: readonly MetricFigure[];
  /** Per chunk (with a window). */
  readonly series?: readonly MetricSeries[];
  /** Chunks whose value broke a threshold. */
  readonly alerts: readonly { readonly metric: string; readonly chunk: string; readonly value: number; readonly side: 'below' | 'above' }[];
}
