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
import type { Sql } from './Sql.js';

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

interface BucketRow {
  readonly series_id: number;
  readonly b: number;
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
}

/**
 * Metric series in the `series` and `points` tables: a series per name and dimensions, its points
 * keyed by (series, time, run, window) as `metricPointKey` identifies them (a point delivered
 * twice is kept once). A query downsamples in SQL: for each series longer than `maxPoints`, the
 * equal time buckets of core's {@link downsampleSeries} (same double arithmetic, so every store
 * buckets alike) with their mean, min, max and count; only the buckets leave the database.
 */
export class PostgresMetricSeriesStore implements MetricSeriesStore {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async append(points: readonly MetricPoint[]): Promise<void> {
    const rows = points.map((p, i) => {
      const t = Date.parse(p.timestamp);
      if (typeof p.name !== 'string' || p.name === '') throw new TypeError(`metric point ${i}: no name`);
      if (Number.isNaN(t)) throw new TypeError(`metric point "${p.name}": timestamp "${p.timestamp}" is not ISO-8601`);
      if (typeof p.value !== 'number') throw new TypeError(`metric point "${p.name}": value must be a number`);
      return { p, t, dims: canonicalDims(p.dimensions), key: `${p.name}\u0000${canonicalDims(p.dimensions)}` };
    });
    if (rows.length === 0) return;
    // Series in a fixed order, so two processes adding the same new series lock them in one order.
    const series = new Map<string, { name: string; dims: string; monitor: string | null }>();
    for (const { p, dims, key } of rows)
      if (!series.has(key)) series.set(key, { name: p.name, dims, monitor: p.dimensions.monitor ?? null });
    const wanted = [...series.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
    await this.#sql.transaction(async (tx) => {
      const names = wanted.map((s) => s.name);
      const dims = wanted.map((s) => s.dims);
      await tx.query(
        'INSERT INTO series (name, dims, monitor) SELECT name, dims, monitor FROM unnest($1::text[], $2::text[], $3::text[]) ' +
          'WITH ORDINALITY AS u (name, dims, monitor, n) ORDER BY n ON CONFLICT (name, dims) DO NOTHING',
        [names, dims, wanted.map((s) => s.monitor)],
      );
      const found = await tx.query<{ id: number; name: string; dims: string }>(
        'SELECT s.id, s.name, s.dims FROM series s JOIN unnest($1::text[], $2::text[]) AS u (name, dims) ON s.name = u.name AND s.dims = u.dims',
        [names, dims],
      );
      const ids = new Map(found.map((s) => [`${s.name}\u0000${s.dims}`, s.id]));
      await tx.query(
        'INSERT INTO points (series_id, t, run_id, chunk, value, unit) ' +
          'SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::float8[], $6::text[]) ON CONFLICT DO NOTHING',
        [
          rows.map((r) => ids.get(r.key)),
          rows.map((r) => r.t),
          rows.map((r) => r.p.runId ?? ''),
          rows.map((r) => r.p.chunk ?? ''),
          rows.map((r) => r.p.value),
          rows.map((r) => r.p.unit),
        ],
      );
    });
  }

  async query(query: SeriesQuery): Promise<StoredSeries[]> {
    const wanted = Object.entries(query.dimensions ?? {});
    const from = query.from === undefined ? Number.MIN_SAFE_INTEGER : Date.parse(query.from);
    const to = query.to === undefined ? Number.MAX_SAFE_INTEGER : Date.parse(query.to);
    if (Number.isNaN(from) || Number.isNaN(to)) return [];
    const candidates = (
      await this.#sql.query<{ id: number; name: string; dims: string }>('SELECT id, name, dims FROM series WHERE name = $1', [query.name])
    )
      .map((row) => ({ ...row, dimensions: JSON.parse(row.dims) as Record<string, string> }))
      .filter((s) => wanted.every(([k, v]) => s.dimensions[k] === v))
      .map((s) => ({ ...s, key: seriesKey(s.name, s.dimensions) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (candidates.length === 0) return [];
    const spans = new Map(
      (
        await this.#sql.query<{ series_id: number; first: number; last: number; n: number }>(
          'SELECT series_id, min(t) AS first, max(t) AS last, count(*)::int AS n FROM points ' +
            'WHERE series_id = ANY($1::bigint[]) AND t >= $2 AND t < $3 GROUP BY series_id',
          [candidates.map((c) => c.id), from, to],
        )
      ).map((r) => [r.series_id, r]),
    );
    const max = query.maxPoints;
    const bucketed = candidates.filter((c) => {
      const span = spans.get(c.id);
      return max !== undefined && span !== undefined && span.n > max && span.last > span.first;
    });
    const raw = candidates.filter((c) => spans.has(c.id) && !bucketed.includes(c));
    const buckets = new Map<number, BucketRow[]>();
    if (bucketed.length > 0 && max !== undefined) {
      // Bucket i holds the points with floor((t - first) * buckets / span) = i (the last point in the last bucket), in
      // float8 as downsampleSeries computes it in doubles. min and max skip NaN and the mean keeps it, as there.
      const rows = await this.#sql.query<BucketRow>(
        'SELECT p.series_id, LEAST($4::int - 1, floor(((p.t - s.first)::float8 * $4::int) / s.span::float8))::int AS b, ' +
          "avg(p.value) AS mean, coalesce(min(p.value) FILTER (WHERE p.value <> 'NaN'), 'Infinity') AS lo, " +
          "coalesce(max(p.value) FILTER (WHERE p.value <> 'NaN'), '-Infinity') AS hi, count(*)::int AS n " +
          'FROM points p JOIN unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS s (id, first, span) ON p.series_id = s.id ' +
          'WHERE p.t >= $5 AND p.t < $6 GROUP BY p.series_id, b ORDER BY p.series_id, b',
        [
          bucketed.map((c) => c.id),
          bucketed.map((c) => spans.get(c.id)?.first),
          bucketed.map((c) => (spans.get(c.id)?.last ?? 0) - (spans.get(c.id)?.first ?? 0)),
          max,
          from,
          to,
        ],
      );
      for (const row of rows) {
        const list = buckets.get(row.series_id) ?? [];
        list.push(row);
        buckets.set(row.series_id, list);
      }
    }
    const points = new Map<number, StoredSeriesPoint[]>();
    if (raw.length > 0) {
      const rows = await this.#sql.query<{ series_id: number; t: number; value: number }>(
        'SELECT series_id, t, value FROM points WHERE series_id = ANY($1::bigint[]) AND t >= $2 AND t < $3 ORDER BY series_id, t, run_id, chunk',
        [raw.map((c) => c.id), from, to],
      );
      for (const { series_id, t, value } of rows) {
        const list = points.get(series_id) ?? [];
        list.push({ timestamp: new Date(t).toISOString(), value, min: value, max: value, count: 1 });
        points.set(series_id, list);
      }
    }
    const out: StoredSeries[] = [];
    for (const s of candidates) {
      const span = spans.get(s.id);
      if (span === undefined) continue;
      const bucketRows = buckets.get(s.id);
      if (bucketRows !== undefined && max !== undefined) {
        const spanMs = span.last - span.first;
        out.push({
          name: s.name,
          dimensions: s.dimensions,
          points: bucketRows.map((r) => ({
            timestamp: new Date(span.first + Math.floor((r.b * spanMs) / max)).toISOString(),
            value: r.mean,
            min: r.lo,
            max: r.hi,
            count: r.n,
          })),
        });
        continue;
      }
      // More than maxPoints here only when they share one time (one bucket).
      const list = points.get(s.id) ?? [];
      out.push({
        name: s.name,
        dimensions: s.dimensions,
        points: max !== undefined && list.length > max ? downsampleSeries(list, max) : list,
      });
    }
    return out;
  }

  async latest(query: { readonly monitor?: string } = {}): Promise<MetricPoint[]> {
    // Each series' newest point through the primary key, read backwards (as SQLite's ORDER BY t DESC LIMIT 1 does).
    const rows = await this.#sql.query<{
      name: string;
      dims: string;
      t: number;
      run_id: string;
      chunk: string;
      value: number;
      unit: string;
    }>(
      'SELECT s.name, s.dims, p.t, p.run_id, p.chunk, p.value, p.unit FROM series s CROSS JOIN LATERAL ' +
        '(SELECT t, run_id, chunk, value, unit FROM points WHERE series_id = s.id ORDER BY t DESC, run_id DESC, chunk DESC LIMIT 1) p' +
        (query.monitor === undefined ? '' : ' WHERE s.monitor = $1'),
      query.monitor === undefined ? [] : [query.monitor],
    );
    return rows
      .map((row) => {
        const dimensions = JSON.parse(row.dims) as Record<string, string>;
        const point: MetricPoint = {
          name: row.name,
          value: row.value,
          unit: row.unit as MetricUnit,
          timestamp: new Date(row.t).toISOString(),
          dimensions,
          ...(row.chunk === '' ? {} : { chunk: row.chunk }),
          ...(row.run_id === '' ? {} : { runId: row.run_id }),
        };
        return { key: seriesKey(row.name, dimensions), point };
      })
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((x) => x.point);
  }

  async prune(before: string): Promise<number> {
    const limit = Date.parse(before);
    if (Number.isNaN(limit)) throw new TypeError(`prune: "${before}" is not ISO-8601`);
    return this.#sql.execute('DELETE FROM points WHERE t < $1', [limit]);
  }
}
