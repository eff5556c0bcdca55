import type { RetrainingAttempt, RetrainingState } from '../domain/RetrainingAttempt.js';
import type { AlertStore, EventStore, MetricSeriesStore, TokenStore } from './ServerStores.js';
import type { SinkOutbox } from './SinkOutbox.js';

/** One recorded monitor run. */
export interface RunRecord {
  readonly id: string;
  readonly monitor: string;
  readonly startedAt: string;
  /** Absent while the run is `started` (or was `interrupted`). */
  readonly finishedAt?: string;
  /**
   * `started`: recorded before the run publishes anything (its points carry its id), replaced
   * when it ends; `interrupted`: a `started` run whose process ended without finishing it (found
   * by the monitor's next run, which holds the monitor's lock).
   */
  readonly status: 'ok' | 'drift' | 'failed' | 'started' | 'interrupted';
  /** The serialisable run result (a `DriftReport` and, later, metrics); absent for `started` and `interrupted` runs. */
  readonly result: unknown;
  /** Sinks that failed to publish, with the reason. */
  readonly failedSinks?: readonly { readonly type: string; readonly reason: string }[];
}

/**
 * One run in a listing: what the API's run lists, the overview and the dashboard show without the
 * whole result (see `summariseRun`).
 */
export interface RunSummary {
  readonly id: string;
  readonly monitor: string;
  readonly status: RunRecord['status'];
  readonly startedAt: string;
  readonly finishedAt?: string;
  /** Share of drift-tested columns that drifted (0..1), when the run tested drift. */
  readonly driftShare?: number;
  readonly driftedColumns?: number;
  /** Columns drift-tested. */
  readonly columns?: number;
}

/** Which retraining attempts to list. */
export interface AttemptQuery {
  readonly model?: string;
  readonly monitor?: string;
  readonly states?: readonly RetrainingState[];
  readonly limit?: number;
}

/** Persists runs, results and retraining state; writes are atomic. */
export interface RunStore {
  saveRun(run: RunRecord): Promise<void>;
  /** Runs of a monitor (or all), newest first. */
  listRuns(query?: { readonly monitor?: string; readonly limit?: number }): Promise<RunRecord[]>;
  getRun(id: string): Promise<RunRecord | undefined>;
  /**
   * The summaries of `listRuns`' runs (same order, filter and limit) without reading whole
   * results: a store that keeps them beside the record (the SQLite store) serves the overview
   * from them. Absent: callers summarise `listRuns`' records with `summariseRun`.
   */
  listRunSummaries?(query?: { readonly monitor?: string; readonly limit?: number }): Promise<RunSummary[]>;
  /** Creates or replaces an attempt (the whole record, atomically). */
  saveAttempt(attempt: RetrainingAttempt): Promise<void>;
  getAttempt(id: string): Promise<RetrainingAttempt | undefined>;
  /** Attempts matching the query, newest (by `createdAt`) first. */
  listAttempts(query?: AttemptQuery): Promise<RetrainingAttempt[]>;
  /** Takes (or, by its owner, renews) a named lock for `ttlMs`; `false` when another owner holds it unexpired. */
  acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;
  /**
   * The durable outbox of the sink whose key is `sink` (letters, digits, `.`, `_`, `-`). A store
   * without one makes undelivered points as lost as before: only in the run's failed sinks.
   */
  outbox?(sink: string): SinkOutbox;
  /** Metric series kept for the API, dashboard and `/metrics` (SQLite store); absent in the file store. */
  series?(): MetricSeriesStore;
  /** Fired alerts (SQLite store). */
  alerts?(): AlertStore;
  /** API tokens (SQLite store). */
  tokens?(): TokenStore;
  /** Ingested events and labels (SQLite store). */
  events?(): EventStore;
}
