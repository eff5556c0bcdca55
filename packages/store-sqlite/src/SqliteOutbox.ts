import {
  decodeNonFinite,
  encodeNonFinite,
  type MetricPoint,
  metricPointKey,
  type OutboxBounds,
  type OutboxContents,
  type SinkOutbox,
} from '@driftwatch/core';
import type Database from 'better-sqlite3';

/**
 * A sink's outbox in the `outbox` table: adding appends rows (one transaction), reading
 * deduplicates by {@link metricPointKey} (the last added wins) and bounds; settling deletes the
 * rows that reading saw and re-adds what stays, in one transaction, so points added since stay.
 */
export class SqliteOutbox implements SinkOutbox {
  readonly #db: Database.Database;
  readonly #sink: string;
  #read: { readonly lastSeq: number; readonly kept: readonly MetricPoint[] } | undefined;

  constructor(db: Database.Database, sink: string) {
    this.#db = db;
    this.#sink = sink;
  }

  async add(points: readonly MetricPoint[]): Promise<void> {
    if (points.length === 0) return;
    this.#insert(points);
  }

  async pending(bounds: OutboxBounds): Promise<OutboxContents> {
    const rows = this.#db.prepare('SELECT seq, point FROM outbox WHERE sink = ? ORDER BY seq').all(this.#sink) as {
      seq: number;
      point: string;
    }[];
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
    this.#read = { lastSeq: rows.length === 0 ? 0 : (rows[rows.length - 1] as { seq: number }).seq, kept };
    return { points: kept, dropped: { tooOld, overflow } };
  }

  async settle(delivered: readonly MetricPoint[]): Promise<void> {
    const read = this.#read;
    if (!read) return;
    this.#read = undefined;
    const done = new Set(delivered.map(metricPointKey));
    const remaining = read.kept.filter((p) => !done.has(metricPointKey(p)));
    this.#db
      .transaction(() => {
        this.#db.prepare('DELETE FROM outbox WHERE sink = ? AND seq <= ?').run(this.#sink, read.lastSeq);
        this.#insert(remaining);
      })
      .immediate();
  }

  #insert(points: readonly MetricPoint[]): void {
    const insert = this.#db.prepare('INSERT INTO outbox (sink, point) VALUES (?, ?)');
    this.#db
      .transaction(() => {
        for (const p of points) insert.run(this.#sink, JSON.stringify({ ...p, value: encodeNonFinite(p.value) }));
      })
      .immediate();
  }
}
