import type { MetricPoint } from '../domain/MetricPoint.js';
import type { MetricsSink } from '../ports/MetricsSink.js';

/** A {@link MetricsSink} that keeps flushed points in memory, for tests of code that publishes. */
export class InMemoryMetricsSink implements MetricsSink {
  readonly type: string;
  /** Points made durable by {@link flush}, in order. */
  readonly points: MetricPoint[] = [];
  #pending: MetricPoint[] = [];

  constructor(type = 'memory') {
    this.type = type;
  }

  async publish(points: readonly MetricPoint[]): Promise<void> {
    this.#pending.push(...points);
  }

  async flush(): Promise<void> {
    this.points.push(...this.#pending);
    this.#pending = [];
  }
}
