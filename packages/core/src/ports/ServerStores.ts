import type { Alert } from '../domain/Alert.js';
import type { MetricPoint } from '../domain/MetricPoint.js';

/**
 * The stores the server (`driftwatch serve`) needs beyond {@link RunStore}: metric series, alerts,
 * API tokens and ingested events. A run store provides them through its optional capability
 * methods (`RunStore.series?()`, …); the embedded SQLite store has all of them, the file store none
 * (the server refuses to start on it and says which store type to use).
 */

/** Which points of one metric to read. */
export interface SeriesQuery {
  /** Metric name, e.g. `drift.statistic`. */
  readonly name: string;
  /** Only series whose dimensions include every one of these pairs. */
  readonly dimensions?: Readonly<Record<string, string>>;
  /** ISO-8601, inclusive. */
  readonly from?: string;
  /** ISO-8601, exclusive. */
  readonly to?: string;
  /**
   * At most this many points per series: longer series are downsampled server-side into this many
   * equal time buckets (value = mean, with min, max and count of the bucket).
   */
  readonly maxPoints?: number;
}

/** One point (or one downsampled bucket) of a series. */
export interface StoredSeriesPoint {
  /** ISO-8601: the point's timestamp, or the start of its bucket. */
  readonly timestamp: string;
  /** The value, or the mean of the bucket. */
  readonly value: number;
  readonly min: number;
  readonly max: number;
  /** Points in the bucket (1 when not downsampled). */
  readonly count: number;
}

/** A series: one metric name with one set of dimensions. */
export interface StoredSeries {
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** Oldest first. */
  readonly points: readonly StoredSeriesPoint[];
}

/** Metric points kept for the API, the dashboard and `/metrics`. */
export interface MetricSeriesStore {
  /** Appends points; a point already stored (same `metricPointKey`) is kept once. */
  append(points: readonly MetricPoint[]): Promise<void>;
  query(query: SeriesQuery): Promise<StoredSeries[]>;
  /** The newest point of every series (optionally of one monitor's, by its `monitor` dimension). */
  latest(query?: { readonly monitor?: string }): Promise<MetricPoint[]>;
  /** Deletes points older than `before` (ISO-8601); returns how many. */
  prune(before: string): Promise<number>;
}

/** A fired alert as stored, with the run that fired it. */
export interface StoredAlert extends Alert {
  readonly id: string;
  readonly runId?: string;
}

/** Alerts fired by runs. */
export interface AlertStore {
  append(alerts: readonly Omit<StoredAlert, 'id'>[]): Promise<void>;
  /** Newest first. */
  list(query?: { readonly monitor?: string; readonly since?: string; readonly limit?: number }): Promise<StoredAlert[]>;
}

/** What an API token may do. */
export type TokenScope = 'read' | 'ingest' | 'admin';

/** An API token as stored: never the token itself, only its hash. */
export interface TokenRecord {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly TokenScope[];
  /** Hex SHA-256 of the token. */
  readonly hash: string;
  readonly createdAt: string;
  readonly lastUsedAt?: string;
  readonly revokedAt?: string;
}

/** API tokens (`driftwatch tokens create|list|revoke`). */
export interface TokenStore {
  /** Fails with a state error when a token of that name exists and is not revoked. */
  create(token: Omit<TokenRecord, 'lastUsedAt' | 'revokedAt'>): Promise<void>;
  /** The token whose hash this is, revoked ones included (the caller checks `revokedAt`). */
  findByHash(hash: string): Promise<TokenRecord | undefined>;
  list(): Promise<TokenRecord[]>;
  /** Revokes by id or name; `false` when none matched. */
  revoke(idOrName: string, at: string): Promise<boolean>;
  touch(id: string, at: string): Promise<void>;
}

/** One ingested prediction event, as stored. */
export interface StoredEvent {
  /** The caller's id (for labels), if it gave one. */
  readonly id?: string;
  /** ISO-8601: the event's timestamp, or the time it was received. */
  readonly timestamp: string;
  readonly receivedAt: string;
  /** Feature values by column name. */
  readonly features: Readonly<Record<string, unknown>>;
  readonly prediction?: unknown;
  readonly probabilities?: Readonly<Record<string, number>> | readonly number[];
  /** The late label joined by id, when one arrived. */
  readonly label?: unknown;
}

/** The outcome of {@link EventStore.appendEvents} and {@link EventStore.appendLabels}. */
export interface IngestResult {
  /** Records stored by this call. */
  readonly stored: number;
  /** `true` when the idempotency key was seen before: nothing was stored again. */
  readonly duplicate: boolean;
}

/** Events and late labels posted to the server, per monitor. */
export interface EventStore {
  /**
   * Stores a batch in one transaction (all or nothing). With an idempotency key seen before for
   * this monitor, stores nothing and returns `duplicate: true`.
   */
  appendEvents(monitor: string, events: readonly Omit<StoredEvent, 'label'>[], idempotencyKey?: string): Promise<IngestResult>;
  /** Joins labels to events by id (one transaction); labels for unknown ids are kept until their event arrives. */
  appendLabels(
    monitor: string,
    labels: readonly { readonly id: string; readonly label: unknown }[],
    idempotencyKey?: string,
  ): Promise<IngestResult>;
  /** Events of a monitor with `from <= timestamp < to`, oldest first, labels joined. */
  read(monitor: string, range: { readonly from: string; readonly to: string }): Promise<StoredEvent[]>;
  count(monitor: string): Promise<number>;
  /** Deletes events with timestamp before `before`; returns how many. */
  prune(monitor: string, before: string): Promise<number>;
  /**
   * Retention of every monitor at once, for a store that partitions events by time (PostgreSQL):
   * drops each whole partition whose events are all older than `before` (ISO-8601), with their ids
   * and labels, instead of deleting row by row. Returns how many partitions it dropped. Absent:
   * callers prune each monitor.
   */
  dropPartitionsBefore?(before: string): Promise<number>;
}
