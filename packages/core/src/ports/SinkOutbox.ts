import type { MetricPoint } from '../domain/MetricPoint.js';

/** How {@link SinkOutbox.pending} bounds the outbox. */
export interface OutboxBounds {
  /** Epoch ms now. */
  readonly now: number;
  /** Points older than this (by their timestamp) are dropped. */
  readonly maxAgeMs: number;
  /** At most this many points are kept; the oldest are dropped first. */
  readonly maxPoints: number;
}

/** What {@link SinkOutbox.pending} read. */
export interface OutboxContents {
  /** Pending points, deduplicated by `metricPointKey`, oldest first (by timestamp). */
  readonly points: readonly MetricPoint[];
  /** Points dropped by the bounds (removed at the next {@link SinkOutbox.settle}). */
  readonly dropped: { readonly tooOld: number; readonly overflow: number };
}

/**
 * The durable outbox of one sink: points it failed to deliver, kept in the run store until a
 * later run or `driftwatch sinks flush` delivers them. Adding is append-only (a crash keeps what
 * was added before it); a caller drains it under the store's lock `outbox-<sink>`: `pending`,
 * send, then `settle` with what was delivered.
 */
export interface SinkOutbox {
  /** Adds points; durable once it resolves. */
  add(points: readonly MetricPoint[]): Promise<void>;
  /** Everything pending, deduplicated and bounded (the dropped points are counted, not returned). */
  pending(bounds: OutboxBounds): Promise<OutboxContents>;
  /**
   * Removes `delivered` and the points the last {@link pending} dropped, atomically; points added
   * since that `pending` stay. Without a `pending` before it, it does nothing.
   */
  settle(delivered: readonly MetricPoint[]): Promise<void>;
}
