import { type MetricPoint, metricPointKey } from '../domain/MetricPoint.js';
import type { MetricSeriesStore, SeriesQuery, StoredSeries } from '../ports/ServerStores.js';
import { buildStoredSeries, seriesKey } from '../series/buildStoredSeries.js';

/** A {@link MetricSeriesStore} in memory, with the SQLite store's semantics, for tests. */
export class InMemoryMetricSeriesStore implements MetricSeriesStore {
  /** Every stored point, in the order appended (one per `metricPointKey`). */
  readonly points: MetricPoint[] = [];
  readonly #keys = new Set<string>();

  async append(points: readonly MetricPoint[]): Promise<void> {
    for (const point of points) assertPoint(point);
    for (const point of points) {
      const key = metricPointKey(point);
      if (this.#keys.has(key)) continue;
      this.#keys.add(key);
      this.points.push(structuredClone(point));
    }
  }

  async query(query: SeriesQuery): Promise<StoredSeries[]> {
    return buildStoredSeries(this.points, query);
  }

  async latest(query: { readonly monitor?: string } = {}): Promise<MetricPoint[]> {
    const newest = new Map<string, MetricPoint>();
    for (const point of this.points) {
      if (query.monitor !== undefined && point.dimensions.monitor !== query.monitor) continue;
      const key = seriesKey(point.name, point.dimensions);
      const held = newest.get(key);
      if (!held || Date.parse(point.timestamp) >= Date.parse(held.timestamp)) newest.set(key, point);
    }
    return [...newest.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => structuredClone(p));
  }

  async prune(before: string): Promise<number> {
    const limit = Date.parse(before);
    const kept = this.points.filter((p) => Date.parse(p.timestamp) >= limit);
    const removed = this.points.length - kept.length;
    this.points.splice(0, this.points.length, ...kept);
    this.#keys.clear();
    for (const p of kept) this.#keys.add(metricPointKey(p));
    return removed;
  }
}

/** Rejects a point no store could keep (the whole batch, before anything is written). */
export function assertPoint(point: MetricPoint): void {
  if (typeof point.name !== 'string' || point.name === '') throw new TypeError('a metric point needs a name');
  if (typeof point.value !== 'number') throw new TypeError(`metric point "${point.name}": value must be a number`);
  if (Number.isNaN(Date.parse(point.timestamp)))
    throw new TypeError(`metric point "${point.name}": timestamp "${point.timestamp}" is not ISO-8601`);
}
