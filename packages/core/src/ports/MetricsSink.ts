import type { MetricPoint } from '../domain/MetricPoint.js';

/** Publishes metric points (JSONL, CSV, CloudWatch, Cloud Monitoring, Prometheus…). */
export interface MetricsSink {
  /** The provider type, e.g. `jsonl`, for messages. */
  readonly type: string;
  /**
   * Oldest point the back end accepts, in ms before now (CloudWatch: 14 days). Points of the
   * outbox older than this are dropped with a warning instead of being sent. Default: no limit
   * beyond the outbox's own `maxAge`.
   */
  readonly maxPointAgeMs?: number;
  /** Queues or writes points; a sink may batch until {@link flush}. */
  publish(points: readonly MetricPoint[]): Promise<void>;
  /**
   * Writes everything queued; after it resolves the points are durable. A failure may carry
   * `unpublished: MetricPoint[]` (the points not delivered); without it every point of the
   * failed publish counts as undelivered.
   */
  flush(): Promise<void>;
  /**
   * Forgets what is queued or kept for a retry: the runtime calls it after a failed publish or
   * flush, once it has put the undelivered points in the durable outbox, so the shutdown's flush
   * does not send them a second time.
   */
  discard?(): void;
}
