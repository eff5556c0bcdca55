import type { Alert } from './Alert.js';
import type { DriftReport } from './DriftResult.js';
import type { SourceFigure } from './SourceFigure.js';

/** Version of the JSON shape of {@link MonitorRunResult}; bumped on breaking changes. */
export const monitorRunSchemaVersion = 1 as const;

/** One attempt series of sending an alert to one channel. */
export interface AlertDelivery {
  /** Channel name (its `name:` in config, default its type). */
  readonly channel: string;
  readonly type: string;
  /** Final outcome: `retryable` means every attempt asked for a retry. */
  readonly status: 'ok' | 'failed' | 'retryable';
  readonly attempts: number;
  readonly reason?: string;
}

/** An alert a rule fired in a run, and where it was delivered. */
export interface FiredAlert {
  readonly alert: Alert;
  readonly deliveries: readonly AlertDelivery[];
}

/** A sink that failed to publish in a run; the others still published. */
export interface FailedSink {
  /** Config path of the sink, e.g. `monitors[0].sinks[1]`. */
  readonly sink: string;
  readonly type: string;
  readonly reason: string;
}

/** What one sink got in a run: points delivered (from the outbox first) and points left pending. */
export interface SinkDelivery {
  /** Config path of the sink, e.g. `sinks[1]`. */
  readonly sink: string;
  readonly type: string;
  /** Points the sink accepted in this run, those of the outbox included. */
  readonly sent: number;
  /** Of {@link sent}, points of earlier runs taken from the outbox. */
  readonly fromOutbox: number;
  /** Points in the sink's outbox after the run, to be sent by the next run or `driftwatch sinks flush`. */
  readonly pending: number;
  /** Outbox points dropped: older than the sink or the outbox accept, or beyond the outbox's size. */
  readonly dropped: number;
  /** Points neither delivered nor kept (no outbox in the store). */
  readonly lost: number;
}

/**
 * The result of one monitor run, as `driftwatch run --format json` prints it
 * and the run store records it. `drift` is exactly the report
 * `driftwatch check --format json` prints. Sections added by monitor
 * extensions (model quality, windows) appear as further top-level keys.
 */
export interface MonitorRunResult {
  readonly schemaVersion: typeof monitorRunSchemaVersion;
  readonly runId: string;
  readonly monitor: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** `drift` when the dataset drifted, `failed` when the run could not compute its result. */
  readonly status: 'ok' | 'drift' | 'failed';
  /** `null` when the run failed before drift was computed. */
  readonly drift: DriftReport | null;
  readonly alerts: readonly FiredAlert[];
  readonly failedSinks: readonly FailedSink[];
  /** Points the run computed (each carries the run id); see {@link sinks} for what reached each sink. */
  readonly publishedPoints: number;
  /** Per sink, what reached it and what is pending in its outbox. */
  readonly sinks?: readonly SinkDelivery[];
  /** Why a `failed` run failed (secrets redacted). */
  readonly error?: { readonly code: string; readonly message: string };
  /**
   * Figures the sources computed over the rows they read (`DataSource.figures`, e.g. an LLM
   * traffic source's `llm.refusal_rate`), by side; the current side's are also published as
   * points. Absent when neither source has figures.
   */
  readonly sourceFigures?: { readonly reference?: readonly SourceFigure[]; readonly current?: readonly SourceFigure[] };
  readonly [section: string]: unknown;
}
