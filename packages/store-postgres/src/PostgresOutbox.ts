import {
  decodeNonFinite,
  encodeNonFinite,
  type MetricPoint,
  metricPointKey,
  type OutboxBounds,
  type OutboxContents,
  type SinkOutbox,
} from '@driftwatch/core';
import type { Queryable, Sql } from './Sql.js';

/**
 * A sink's outbox in the `outbox` table: adding appends rows (one statement), reading
 * deduplicates by {@link metricPointKey} (the last added wins) and bounds; settling deletes the
 * very rows that reading saw (by their sequence numbers, so a row another process was adding
 * while this one read stays, even when its number is lower) and re-adds what stays, in one
 * transaction.
 */
export class PostgresOutbox implements SinkOutbox {
  readonly #sql: Sql;
  readonly #sink: string;
  #read: { readonly seqs: readonly number[]; readonly kept: readonly MetricPoint[] } | undefined;

  constructor(sql: Sql, sink: string) {
    this.#sql = sql;
    this.#sink = sink;
  }

  async add(points: readonly MetricPoint[]): Promise<void> {
    if (points.length === 0) return;
    await insert(this.#sql, this.#sink, points);
  }

  async pending(bounds: OutboxBounds): Promise<OutboxContents> {
    const rows = await this.#sql.query<{ seq: number; point: string }>('SELECT seq, point FROM outbox WHERE sink = $1 ORDER BY seq', [
      this.#sink,
    ]);
    const byKey = new Map<string, MetricPoint>();
    for (const row of rows) {
      const parsed = JSON.parse(row.point) as MetricPoint;
      const point = { ...parsed, value: decodeNonFinite(parsed.value) as number };
      byKey.set(metricPointKey(point), point);
    }
    let tooOld = 0;
    const fresh: [MetricPoint, number][] = [];
    for (const p of byKey.values()) {
      const time = Date.parse(p.timestamp);
      if (!(time >= bounds.now - bounds.maxAgeMs)) tooOld += 1;
      else fresh.push([p, time]);
    }
    fresh.sort((a, b) => a[1] - b[1]);
    const overflow = Math.max(0, fresh.length - bounds.maxPoints);
    const kept = fresh.slice(overflow).map(([p]) => p);
    this.#read = { seqs: rows.map((r) => r.seq), kept };
    return { points: kept, dropped: { tooOld, overflow } };
  }

  async settle(delivered: readonly MetricPoint[]): Promise<void> {
    const read = this.#read;
    if (!read) return;
    this.#read = undefined;
    const done = new Set(delivered.map(metricPointKey));
    const remaining = read.kept.filter((p) => !done.has(metricPointKey(p)));
    await this.#sql.transaction(async (tx) => {
      await tx.query('DELETE FROM outbox WHERE sink = $1 AND seq = ANY($2::bigint[])', [this.#sink, read.seqs]);
      await insert(tx, this.#sink, remaining);
    });
  }
}

/** Appends points to a sink's outbox in one statement. */
async function insert(db: Queryable, sink: string, points: readonly MetricPoint[]): Promise<void> {
  if (points.length === 0) return;
  await db.query('INSERT INTO outbox (sink, point) SELECT $1, p FROM unnest($2::text[]) WITH ORDINALITY AS u (p, n) ORDER BY n', [
    sink,
    points.map((p) => JSON.stringify({ ...p, value: encodeNonFinite(p.value) })),
  ]);
}
