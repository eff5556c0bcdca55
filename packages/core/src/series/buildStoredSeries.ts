import { type MetricPoint, metricPointKey } from '../domain/MetricPoint.js';
import type { SeriesQuery, StoredSeries, StoredSeriesPoint } from '../ports/ServerStores.js';
import { downsampleSeries } from './downsampleSeries.js';

/** The identity of a series: its name and its dimensions, sorted. */
export function seriesKey(name: string, dimensions: Readonly<Record<string, string>>): string {
  return `${name}|${Object.keys(dimensions)
    .sort()
    .map((k) => `${k}=${dimensions[k]}`)
    .join(',')}`;
}

/**
 * Answers a {@link SeriesQuery} from candidate points (in the order they were stored): keeps the
 * points of the query's name, dimensions and time range, one per `metricPointKey` (the first
 * stored), groups them by series (sorted by series key), sorts each series oldest first and
 * downsamples it to `maxPoints`. Every store shares it, so they answer alike.
 */
export function buildStoredSeries(points: Iterable<MetricPoint>, query: SeriesQuery): StoredSeries[] {
  const from = query.from === undefined ? Number.NEGATIVE_INFINITY : Date.parse(query.from);
  const to = query.to === undefined ? Number.POSITIVE_INFINITY : Date.parse(query.to);
  const wanted = Object.entries(query.dimensions ?? {});
  const seen = new Set<string>();
  const bySeries = new Map<string, { dimensions: Readonly<Record<string, string>>; points: { t: number; p: StoredSeriesPoint }[] }>();
  for (const point of points) {
    if (point.name !== query.name) continue;
    const t = Date.parse(point.timestamp);
    if (!(t >= from && t < to)) continue;
    if (!wanted.every(([k, v]) => point.dimensions[k] === v)) continue;
    const key = metricPointKey(point);
    if (seen.has(key)) continue;
    seen.add(key);
    const sk = seriesKey(point.name, point.dimensions);
    let series = bySeries.get(sk);
    if (!series) {
      series = { dimensions: { ...point.dimensions }, points: [] };
      bySeries.set(sk, series);
    }
    series.points.push({
      t,
      p: { timestamp: new Date(t).toISOString(), value: point.value, min: point.value, max: point.value, count: 1 },
    });
  }
  return [...bySeries.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, s]) => {
      // A stable sort keeps points of one timestamp in the order they were stored.
      const sorted = s.points.sort((a, b) => a.t - b.t).map((x) => x.p);
      return {
        name: query.name,
        dimensions: s.dimensions,
        points: query.maxPoints === undefined ? sorted : downsampleSeries(sorted, query.maxPoints),
      };
    });
}
