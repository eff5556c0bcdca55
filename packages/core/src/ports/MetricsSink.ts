import type { MetricPoint } from '../domain/MetricPoint.js';

/** Publishes metric points (JSONL, CSV, CloudWatch, Cloud Monitoring, Prometheus…). */
export interface MetricsSink {
  /** The provider type, e.g. `jsonl`, for messages. */
  readonly type: string;
  /** Queues or writes points; a sink may batch until {@link flush}. */
  publish(points: readonly MetricPoint[]): Promise<void>;
  /** Writes everything queued; after it resolves the points are durable. */
  flush(): Promise<void>;
}
