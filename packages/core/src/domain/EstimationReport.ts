/** Version of the JSON shape of {@link EstimationReport}; bumped on breaking changes. */
export const estimationReportSchemaVersion = 1 as const;

/** One chunk's estimate of a metric. */
export interface EstimatePoint {
  readonly chunk: string;
  readonly startDate?: string;
  readonly endDate?: string;
  /** Rows with a score and a prediction. */
  readonly rows: number;
  /** The CBPE estimate; `null` when no row could be used. */
  readonly estimate: number | null;
  readonly samplingError: number | null;
  /** `estimate ± 3·samplingError`, clipped to [0, 1]. */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly alert: boolean;
  /** Rows among `rows` with a label. */
  readonly labelledRows: number;
  /** The realised metric where labels exist, to compare with the estimate. */
  readonly realised?: number | null;
}

/** A metric's estimates per chunk. */
export interface EstimateSeries {
  readonly metric: string;
  /** Alert outside these (mean ± 3·std of the realised metric over the reference chunks, clipped to [0, 1]). */
  readonly threshold: { readonly lower: number | null; readonly upper: number | null };
  /** The realised metric on each reference chunk. */
  readonly reference: readonly { readonly chunk: string; readonly value: number | null }[];
  readonly points: readonly EstimatePoint[];
}

/**
 * What `driftwatch estimate --format json` prints: performance estimated
 * without labels by CBPE (confidence-based performance estimation) per chunk.
 */
export interface EstimationReport {
  readonly schemaVersion: typeof estimationReportSchemaVersion;
  readonly kind: 'estimation';
  readonly method: 'cbpe';
  readonly generatedAt: string;
  readonly task: 'binary' | 'multiclass';
  readonly classes: readonly string[];
  readonly positive?: string;
  readonly reference: { readonly source: string; readonly rows: number; readonly chunks: number };
  readonly data: { readonly source: string; readonly rows: number };
  /** Per class (binary: the positive class), whether its scores were recalibrated on the reference. */
  readonly calibrated: readonly boolean[];
  readonly series: readonly EstimateSeries[];
  readonly alerts: readonly {
    readonly metric: string;
    readonly chunk: string;
    readonly estimate: number;
    readonly side: 'below' | 'above';
  }[];
}
