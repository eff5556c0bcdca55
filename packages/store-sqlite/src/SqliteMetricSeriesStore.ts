import {
  downsampleSeries,
  type MetricPoint,
  type MetricSeriesStore,
  type MetricUnit,
  type SeriesQuery,
  type StoredSeries,
  type StoredSeriesPoint,
  seriesKey,
} from '@driftwatch/core';
import type Database from 'better-sqlite3';

interface SeriesRow {
  readonly id: number;
  readonly name: string;
  readonly dims: string;
}

interface PointRow {
  readonly t: number;
  readonly run_id: string;
  readonly chunk: string;
  readonly value: number | null;
  readonly unit: string;
}

/** Dimensions as JSON with sorted keys: one text per set of dimensions. */
function canonicalDims(dimensions: Readonly<Record<string, string>>): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.keys(dimensions)
        .sort()
        .map((k) => [k, dimensions[k]]),
    ),
  );
}

/**
 * Metric series in the `series` and `points` tables: a series per name and dimensions, its points
 * keyed by (series, time, run, window) as `metricPointKey` identifies them. A query finds the
 * series of the name by their dimensions, reads each one's points in the time range through the
 * primary key (series, time) and downsamples them with core's {@link downsampleSeries}.
 */
export class SqliteMetricSeriesStore implements MetricSeriesStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  async append(points: readonly MetricPoint[]): Promise<void> {
    const rows = points.map((p, i) => {
      const t = Date.parse(p.timestamp);
      if (typeof p.name !== 'string' || p.name === '') throw new TypeError(`metric point ${i}: no name`);
      if (Number.isNaN(t)) throw new TypeError(`metric point "${p.name}": timestamp "${p.timestamp}" is not ISO-8601`);
      if (typeof p.value !== 'number') throw new TypeError(`metric point "${p.name}": value must be a number`);
      return { p, t, dims: canonicalDims(p.dimensions) };
    });
    const findSeries = this.#db.prepare('SELECT id FROM series WHERE name = ? AND dims = ?').pluck();
    const addSeries = this.#db.prepare('INSERT INTO series (name, dims, monitor) VALUES (?, ?, ?)');
    const addPoint = this.#db.prepare(
      'INSERT INTO points (series_id, t, run_id, chunk, value, unit) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.#db
      .transaction(() => {
        const ids = new Map<string, number>();
        for (const { p, t, dims } of rows) {
          const key = `${p.name}\u0000${dims}`;
          let id = ids.get(key) ?? (findSeries.get(p.name, dims) as number | undefined);
          if (id === undefined) id = Number(addSeries.run(p.name, dims, p.dimensions.monitor ?? null).lastInsertRowid);
          ids.set(key, id);
          addPoint.run(id, t, p.runId ?? '', p.chunk ?? '', Number.isNaN(p.value) ? null : p.value, p.unit);
        }
      })
      .immediate();
  }

  async query(query: SeriesQuery): Promise<StoredSeries[]> {
    const wanted = Object.entries(query.dimensions ?? {});
    const from = query.from === undefined ? Number.MIN_SAFE_INTEGER : Date.parse(query.from);
    const to = query.to === undefined ? Number.MAX_SAFE_INTEGER : Date.parse(query.to);
    const candidates = (this.#db.prepare('SELECT id, name, dims FROM series WHERE name = ?').all(query.name) as SeriesRow[])
      .map((row) => ({ ...row, dimensions: JSON.parse(row.dims) as Record<string, string> }))
      .filter((s) => wanted.every(([k, v]) => s.dimensions[k] === v))
      .map((s) => ({ ...s, key: seriesKey(s.name, s.dimensions) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const read = this.#db.prepare('SELECT t, value FROM points WHERE series_id = ? AND t >= ? AND t < ? ORDER BY t');
    const span = this.#db.prepare(
      'SELECT min(t) AS first, max(t) AS last, count(*) AS n FROM points WHERE series_id = ? AND t >= ? AND t < ?',
    );
    // The buckets of core's downsampleSeries, computed in SQL with the same double arithmetic (bound numbers are
    // REAL; CAST truncates, which is floor for these non-negative values): bucket i holds the points with
    // floor((t - first) * buckets / span) = i, the last point in the last bucket. Only the buckets leave SQLite.
    const buckets = this.#db.prepare(
      'SELECT min(:buckets - 1, CAST(((t - :first) * :buckets) / :span AS INTEGER)) AS b, avg(value) AS mean, min(value) AS lo, max(value) AS hi, count(*) AS n ' +
        'FROM points WHERE series_id = :id AND t >= :from AND t < :to GROUP BY b ORDER BY b',
    );
    const out: StoredSeries[] = [];
    for (const s of candidates) {
      const range = span.get(s.id, from, to) as { first: number | null; last: number | null; n: number };
      if (range.n === 0 || range.first === null || range.last === null) continue;
      const max = query.maxPoints;
      if (max !== undefined && range.n > max && range.last > range.first) {
        const spanMs = range.last - range.first;
        const rows = buckets.all({ buckets: max, first: range.first, span: spanMs, id: s.id, from, to }) as {
          b: number;
          mean: number | null;
          lo: number | null;
          hi: number | null;
          n: number;
        }[];
        out.push({
          name: s.name,
          dimensions: s.dimensions,
          points: rows.map((r) => ({
            timestamp: new Date(range.first! + Math.floor((r.b * spanMs) / max)).toISOString(),
            value: r.mean ?? Number.NaN,
            min: r.lo ?? Number.NaN,
            max: r.hi ?? Number.NaN,
            count: r.n,
          })),
        });
        continue;
      }
      // Built in one pass over raw rows; more than maxPoints only when they share one time (one bucket).
      const rows = read.raw().all(s.id, from, to) as [t: number, value: number | null][];
      const points: StoredSeriesPoint[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const [t, stored] = rows[i] as [number, number | null];
        const value = stored ?? Number.NaN;
        points[i] = { timestamp: new Date(t).toISOString(), value, min: value, max: value, count: 1 };
      }
      out.push({
        name: s.name,
        dimensions: s.dimensions,
        points: max !== undefined && rows.length > max ? downsampleSeries(points, max) : points,
      });
    }
    return out;
  }

  async latest(query: { readonly monitor?: string } = {}): Promise<MetricPoint[]> {
    const series = (
      query.monitor === undefined
        ? this.#db.prepare('SELECT id, name, dims FROM series').all()
        : this.#db.prepare('SELECT id, name, dims FROM series WHERE monitor = ?').all(query.monitor)
    ) as SeriesRow[];
    const newest = this.#db.prepare('SELECT t, run_id, chunk, value, unit FROM points WHERE series_id = ? ORDER BY t DESC LIMIT 1');
    const out: { key: string; point: MetricPoint }[] = [];
    for (const s of series) {
      const row = newest.get(s.id) as PointRow | undefined;
      if (!row) continue;
      const dimensions = JSON.parse(s.dims) as Record<string, string>;
      out.push({
        key: seriesKey(s.name, dimensions),
        point: {
          name: s.name,
          value: row.value ?? Number.NaN,
          unit: row.unit as MetricUnit,
          timestamp: new Date(row.t).toISOString(),
          dimensions,
          ...(row.chunk === '' ? {} : { chunk: row.chunk }),
          ...(row.run_id === '' ? {} : { runId: row.run_id }),
        },
      });
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((x) => x.point);
  }

  async prune(before: string): Promise<number> {
    const limit = Date.parse(before);
    if (Number.isNaN(limit)) throw new TypeError(`prune: "${before}" is not ISO-8601`);
    return this.#db.transaction(() => this.#db.prepare('DELETE FROM points WHERE t < ?').run(limit).changes).immediate();
  }
}
