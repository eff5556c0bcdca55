import { type MetricPoint, metricPointKey } from '../domain/MetricPoint.js';
import type { OutboxBounds, OutboxContents, SinkOutbox } from '../ports/SinkOutbox.js';

/** A {@link SinkOutbox} in memory with the file outbox's semantics (dedup, bounds, settle), for tests. */
export class InMemoryOutbox implements SinkOutbox {
  /** Every point added and not settled, in the order added (duplicates included). */
  points: MetricPoint[] = [];
  #read: { readonly count: number; readonly kept: readonly MetricPoint[] } | undefined;

  async add(points: readonly MetricPoint[]): Promise<void> {
    this.points.push(...structuredClone(points));
  }

  async pending(bounds: OutboxBounds): Promise<OutboxContents> {
    const byKey = new Map(this.points.map((p) => [metricPointKey(p), p]));
    const fresh = [...byKey.values()]
      .filter((p) => Date.parse(p.timestamp) >= bounds.now - bounds.maxAgeMs)
      .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
    const overflow = Math.max(0, fresh.length - bounds.maxPoints);
    const kept = fresh.slice(overflow);
    this.#read = { count: this.points.length, kept };
    return { points: structuredClone(kept), dropped: { tooOld: byKey.size - fresh.length, overflow } };
  }

  async settle(delivered: readonly MetricPoint[]): Promise<void> {
    const read = this.#read;
    if (!read) return;
    this.#read = undefined;
    const done = new Set(delivered.map(metricPointKey));
    this.points = [...read.kept.filter((p) => !done.has(metricPointKey(p))), ...this.points.slice(read.count)];
  }
}
