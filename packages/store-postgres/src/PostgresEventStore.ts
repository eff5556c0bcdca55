import { type EventStore, type IngestResult, InputError, type StoredEvent } from '@driftwatch/core';
import { advisoryLockSql, quoteIdent } from './applyMigrations.js';
import type { Queryable, Sql } from './Sql.js';

const dayMs = 86_400_000;

/** A bad event of a batch, as core's `normaliseEventTimes` reports it. */
function eventError(index: number, field: string, message: string): InputError {
  return new InputError('INPUT_INVALID_VALUE', `event ${index}: ${message}`, { location: { file: 'events', field } });
}

/** One daily partition of `events`: `[fromMs, toMs)`. */
export interface EventPartition {
  readonly name: string;
  readonly fromMs: number;
  readonly toMs: number;
}

/** The partition of day `day` (days since the epoch, UTC): `events_YYYYMMDD`. */
export function eventPartition(day: number): EventPartition {
  const date = new Date(day * dayMs);
  const year = date.getUTCFullYear();
  const name =
    year >= 0 && year <= 9999
      ? `events_${String(year).padStart(4, '0')}${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(date.getUTCDate()).padStart(2, '0')}`
      : `events_day${day < 0 ? 'm' : ''}${Math.abs(day)}`;
  return { name, fromMs: day * dayMs, toMs: (day + 1) * dayMs };
}

interface EventRow {
  readonly event_id: string | null;
  readonly t: number;
  readonly received_ms: number;
  readonly body: string;
  readonly label: string | null;
}

/**
 * Ingested events and late labels. Events live in `events`, partitioned by day of their time:
 * a batch first makes sure the partitions of its days exist (created under the schema's
 * partition advisory lock, so processes racing for a new day create it once), then is written in
 * one transaction with its idempotency key (claimed first: a second batch with the key waits for
 * the first's commit, then stores nothing) and its event ids (`event_ids`, unique per monitor:
 * an id the monitor has is skipped, across days). Labels are kept by (monitor, id), the latest
 * winning, and joined on read, also when they came first.
 */
export class PostgresEventStore implements EventStore {
  readonly #sql: Sql;
  readonly #schema: string;
  readonly #now: () => number;
  /** Days whose partition this process knows exists. */
  readonly #days = new Set<number>();

  constructor(sql: Sql, schema: string, now: () => number) {
    this.#sql = sql;
    this.#schema = schema;
    this.#now = now;
  }

  async appendEvents(monitor: string, events: readonly Omit<StoredEvent, 'label'>[], idempotencyKey?: string): Promise<IngestResult> {
    const n = events.length;
    const ids: (string | null)[] = new Array(n);
    const times: number[] = new Array(n);
    const received: number[] = new Array(n);
    const bodies: string[] = new Array(n);
    const days = new Set<number>();
    let receivedText: string | undefined;
    let receivedMs = Number.NaN;
    for (let i = 0; i < n; i++) {
      const event = events[i] as Omit<StoredEvent, 'label'>;
      const t = Date.parse(event.timestamp);
      if (Number.isNaN(t)) throw eventError(i, 'timestamp', `timestamp "${event.timestamp}" is not ISO-8601`);
      if (event.receivedAt !== receivedText) {
        receivedText = event.receivedAt;
        receivedMs = Date.parse(receivedText);
        if (Number.isNaN(receivedMs)) throw eventError(i, 'receivedAt', `receivedAt "${event.receivedAt}" is not ISO-8601`);
      }
      const { features, id } = event;
      if (features === null || typeof features !== 'object' || Array.isArray(features))
        throw eventError(i, 'features', 'features must be an object of values by column');
      if (id !== undefined && (typeof id !== 'string' || id === '')) throw eventError(i, 'id', 'id must be a non-empty string');
      ids[i] = id ?? null;
      times[i] = t;
      received[i] = receivedMs;
      bodies[i] = JSON.stringify({ features, prediction: event.prediction, probabilities: event.probabilities });
      days.add(Math.floor(t / dayMs));
    }
    await this.#ensurePartitions(days);
    try {
      return await this.#write(monitor, ids, times, received, bodies, idempotencyKey);
    } catch (error) {
      // check_violation "no partition of relation": another process dropped a day this one knew (retention).
      if ((error as { code?: string }).code !== '23514') throw error;
      this.#days.clear();
      await this.#ensurePartitions(days);
      return this.#write(monitor, ids, times, received, bodies, idempotencyKey);
    }
  }

  async #write(
    monitor: string,
    ids: readonly (string | null)[],
    times: readonly number[],
    received: readonly number[],
    bodies: readonly string[],
    idempotencyKey: string | undefined,
  ): Promise<IngestResult> {
    return this.#sql.transaction(async (tx): Promise<IngestResult> => {
      if (idempotencyKey !== undefined && !(await this.#claimKey(tx, monitor, 'events', idempotencyKey)))
        return { stored: 0, duplicate: true };
      // The first event of each id in the batch; ids claimed in sorted order (two batches sharing ids lock them alike).
      const first = new Map<string, number>();
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (id !== null && id !== undefined && !first.has(id)) first.set(id, i);
      }
      let claimed = new Set<string>();
      if (first.size > 0) {
        const unique = [...first.keys()].sort();
        const rows = await tx.query<{ event_id: string }>(
          'INSERT INTO event_ids (monitor, event_id, t) SELECT $1, id, t FROM unnest($2::text[], $3::bigint[]) AS u (id, t) ' +
            'ORDER BY id COLLATE "C" ON CONFLICT DO NOTHING RETURNING event_id',
          [monitor, unique, unique.map((id) => times[first.get(id) as number])],
        );
        claimed = new Set(rows.map((r) => r.event_id));
      }
      const keep: number[] = [];
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (id === null || id === undefined || (claimed.has(id) && first.get(id) === i)) keep.push(i);
      }
      if (keep.length === 0) return { stored: 0, duplicate: false };
      const all = keep.length === ids.length;
      const pick = <T>(values: readonly T[]): readonly T[] => (all ? values : keep.map((i) => values[i] as T));
      await tx.query(
        'INSERT INTO events (monitor, event_id, t, received_ms, body) SELECT $1, id, t, r, b ' +
          'FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::text[]) WITH ORDINALITY AS u (id, t, r, b, n) ORDER BY n',
        [monitor, pick(ids), pick(times), pick(received), pick(bodies)],
      );
      return { stored: keep.length, duplicate: false };
    });
  }

  async appendLabels(
    monitor: string,
    labels: readonly { readonly id: string; readonly label: unknown }[],
    idempotencyKey?: string,
  ): Promise<IngestResult> {
    for (const [i, l] of labels.entries()) {
      if (typeof l.id !== 'string' || l.id === '') throw new TypeError(`label ${i}: id must be a non-empty string`);
    }
    const now = this.#now();
    // The latest label of each id wins; written in id order.
    const latest = new Map<string, string>();
    for (const l of labels) latest.set(l.id, JSON.stringify(l.label ?? null));
    const ids = [...latest.keys()].sort();
    return this.#sql.transaction(async (tx): Promise<IngestResult> => {
      if (idempotencyKey !== undefined && !(await this.#claimKey(tx, monitor, 'labels', idempotencyKey)))
        return { stored: 0, duplicate: true };
      if (ids.length > 0) {
        await tx.query(
          'INSERT INTO labels (monitor, event_id, label, received_ms) SELECT $1, id, label, $4 FROM unnest($2::text[], $3::text[]) AS u (id, label) ' +
            'ON CONFLICT (monitor, event_id) DO UPDATE SET label = excluded.label, received_ms = excluded.received_ms',
          [monitor, ids, ids.map((id) => latest.get(id)), now],
        );
      }
      return { stored: labels.length, duplicate: false };
    });
  }

  async read(monitor: string, range: { readonly from: string; readonly to: string }): Promise<StoredEvent[]> {
    const from = Date.parse(range.from);
    const to = Date.parse(range.to);
    if (Number.isNaN(from) || Number.isNaN(to)) return [];
    // The time bounds prune the partitions read.
    const rows = await this.#sql.query<EventRow>(
      'SELECT e.event_id, e.t, e.received_ms, e.body, l.label FROM events e ' +
        'LEFT JOIN labels l ON l.monitor = e.monitor AND l.event_id = e.event_id ' +
        'WHERE e.monitor = $1 AND e.t >= $2 AND e.t < $3 ORDER BY e.t, e.seq',
      [monitor, from, to],
    );
    return rows.map((row) => {
      const body = JSON.parse(row.body) as Pick<StoredEvent, 'features' | 'prediction' | 'probabilities'>;
      return {
        ...(row.event_id === null ? {} : { id: row.event_id }),
        timestamp: new Date(row.t).toISOString(),
        receivedAt: new Date(row.received_ms).toISOString(),
        ...body,
        ...(row.label === null ? {} : { label: JSON.parse(row.label) as unknown }),
      };
    });
  }

  async count(monitor: string): Promise<number> {
    const [row] = await this.#sql.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE monitor = $1', [monitor]);
    return row?.n ?? 0;
  }

  /** Deletes one monitor's events before `before` (row by row, in the partitions that hold them), their labels and old batch keys. */
  async prune(monitor: string, before: string): Promise<number> {
    const limit = Date.parse(before);
    if (Number.isNaN(limit)) throw new TypeError(`prune: "${before}" is not ISO-8601`);
    return this.#sql.transaction(async (tx) => {
      await tx.execute(
        'DELETE FROM labels l USING event_ids i WHERE i.monitor = $1 AND i.t < $2 AND l.monitor = i.monitor AND l.event_id = i.event_id',
        [monitor, limit],
      );
      await tx.execute('DELETE FROM event_ids WHERE monitor = $1 AND t < $2', [monitor, limit]);
      const removed = await tx.execute('DELETE FROM events WHERE monitor = $1 AND t < $2', [monitor, limit]);
      // Labels still waiting for their event, and batch keys, go once they are as old as the pruned events.
      await tx.execute(
        'DELETE FROM labels l WHERE l.monitor = $1 AND l.received_ms < $2 AND NOT EXISTS ' +
          '(SELECT 1 FROM event_ids i WHERE i.monitor = l.monitor AND i.event_id = l.event_id)',
        [monitor, limit],
      );
      await tx.execute('DELETE FROM idempotency_keys WHERE monitor = $1 AND received_ms < $2', [monitor, limit]);
      return removed;
    });
  }

  /**
   * Retention for every monitor at once: drops each daily partition of `events` that ends at or
   * before `before` (no row-by-row delete), with the ids and labels of its events, labels still
   * waiting for an event and batch keys received before `before`. Returns how many partitions were
   * dropped. Runs under the schema's partition lock, so it never races a partition's creation.
   */
  async dropPartitionsBefore(before: string): Promise<number> {
    const limit = Date.parse(before);
    if (Number.isNaN(limit)) throw new TypeError(`dropPartitionsBefore: "${before}" is not ISO-8601`);
    return this.#sql.transaction(async (tx) => {
      await tx.query(advisoryLockSql, [`${this.#schema}/partitions`]);
      const old = (await this.#partitions(tx)).filter((p) => p.toMs <= limit);
      if (old.length === 0) return 0;
      const end = Math.max(...old.map((p) => p.toMs));
      // Tables first: the drop waits for inserts in flight, and inserts wait for it, before any row here is locked.
      for (const p of old) await tx.query(`DROP TABLE ${quoteIdent(p.name)}`);
      await tx.execute('DELETE FROM labels l USING event_ids i WHERE i.t < $1 AND l.monitor = i.monitor AND l.event_id = i.event_id', [
        end,
      ]);
      await tx.execute('DELETE FROM event_ids WHERE t < $1', [end]);
      await tx.execute(
        'DELETE FROM labels l WHERE l.received_ms < $1 AND NOT EXISTS (SELECT 1 FROM event_ids i WHERE i.monitor = l.monitor AND i.event_id = l.event_id)',
        [limit],
      );
      await tx.execute('DELETE FROM idempotency_keys WHERE received_ms < $1', [limit]);
      for (const p of old) this.#days.delete(Math.floor(p.fromMs / dayMs));
      return old.length;
    });
  }

  /** The partitions of `events`, oldest first. */
  async partitions(): Promise<EventPartition[]> {
    return this.#partitions(this.#sql);
  }

  async #partitions(db: Queryable): Promise<EventPartition[]> {
    const rows = await db.query<{ name: string; bound: string }>(
      'SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i ' +
        'JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace s ON s.oid = p.relnamespace ' +
        "WHERE s.nspname = $1 AND p.relname = 'events'",
      [this.#schema],
    );
    const out: EventPartition[] = [];
    for (const row of rows) {
      const match = /FROM \('?(-?\d+)'?\) TO \('?(-?\d+)'?\)/.exec(row.bound);
      if (match) out.push({ name: row.name, fromMs: Number(match[1]), toMs: Number(match[2]) });
    }
    return out.sort((a, b) => a.fromMs - b.fromMs);
  }

  /** Creates the partitions of `days` that do not exist yet, in one transaction under the schema's partition lock. */
  async #ensurePartitions(days: ReadonlySet<number>): Promise<void> {
    const missing = [...days].filter((d) => !this.#days.has(d)).sort((a, b) => a - b);
    if (missing.length === 0) return;
    const existing = new Set((await this.#partitions(this.#sql)).map((p) => p.name));
    const create = missing.map(eventPartition).filter((p) => !existing.has(p.name));
    if (create.length > 0) {
      await this.#sql.transaction(async (tx) => {
        await tx.query(advisoryLockSql, [`${this.#schema}/partitions`]);
        for (const p of create)
          await tx.query(
            `CREATE TABLE IF NOT EXISTS ${quoteIdent(p.name)} PARTITION OF events FOR VALUES FROM (${p.fromMs}) TO (${p.toMs})`,
          );
      });
    }
    for (const d of missing) this.#days.add(d);
  }

  /** Records an idempotency key in the batch's transaction; `false` when the monitor already had it. */
  async #claimKey(tx: Queryable, monitor: string, kind: 'events' | 'labels', key: string): Promise<boolean> {
    const rows = await tx.query(
      'INSERT INTO idempotency_keys (monitor, kind, key, received_ms) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1',
      [monitor, kind, key, this.#now()],
    );
    return rows.length === 1;
  }
}
