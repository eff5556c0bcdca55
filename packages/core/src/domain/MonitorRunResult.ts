import type { Alert } from './Alert.js';
import type { DriftReport } from './DriftResult.js';

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
  readonly publishedPoints: number;
  /** Why a `failed` run failed (secrets redacted). */
  readonly error?: { readonly code: string; readonly message: string };
  readonly [section: string]: unknown;
}
