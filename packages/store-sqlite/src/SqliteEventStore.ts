import { type EventStore, type IngestResult, InputError, type StoredEvent } from '@driftwatch/core';
import type Database from 'better-sqlite3';

/** Events written by one INSERT statement (5 values each: well under SQLite's 32 766 bound parameters). */
const insertRows = 100;

/** The hour index's bucket of an epoch-ms time, as SQLite computes `t / 3600000` (integer division truncates). */
const hourOf = (t: number): number => Math.trunc(t / 3_600_000);

/** Bounds of a time range `[from, to)` for the hour index, then the range itself (NaN bounds read nothing). */
const hourRange = (from: number, to: number): [number, number, number, number] => [hourOf(from), hourOf(to), from, to];

/** A bad event of a batch, as core's `normaliseEventTimes` reports it. */
function eventError(index: number, field: string, message: string): InputError {
  return new InputError('INPUT_INVALID_VALUE', `event ${index}: ${message}`, { location: { file: 'events', field } });
}

interface EventRow {
  readonly event_id: string | null;
  readonly t: number;
  readonly received_ms: number;
  readonly body: string;
  readonly label: string | null;
}

/**
 * Ingested events and late labels in the `events` and `labels` tables. A batch is checked whole,
 * then written in one `BEGIN IMMEDIATE` transaction together with its idempotency key (so a key
 * is kept only with its batch); an event whose id the monitor already has is skipped. Labels are
 * kept by (monitor, id), the latest winning, and joined on read, also when they came first.
 */
export class SqliteEventStore implements EventStore {
  readonly #db: Database.Database;
  readonly #now: () => number;
  readonly #insert: Database.Statement;
  readonly #insertMany: Database.Statement;
  readonly #claim: Database.Statement;
  readonly #write: Database.Transaction<
    (monitor: string, rows: readonly (string | number | null)[], idempotencyKey?: string) => IngestResult
  >;

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
    // Prepared once: ingestion runs them for every batch. Rows go in `insertRows` at a time (one
    // statement per 100 events: fewer calls into SQLite), the rest of a batch one by one.
    const row = '(?, ?, ?, ?, ?)';
    const insert = (n: number) =>
      db.prepare(
        `INSERT INTO events (monitor, event_id, t, received_ms, body) VALUES ${Array(n).fill(row).join(', ')} ON CONFLICT DO NOTHING`,
      );
    this.#insertMany = insert(insertRows);
    this.#insert = insert(1);
    this.#claim = db.prepare('INSERT INTO idempotency_keys (monitor, kind, key, received_ms) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
    this.#write = db.transaction((monitor: string, rows: readonly (string | number | null)[], idempotencyKey?: string): IngestResult => {
      if (idempotencyKey !== undefined && !this.#claimKey(monitor, 'events', idempotencyKey)) return { stored: 0, duplicate: true };
      let stored = 0;
      const many = insertRows * 5;
      let i = 0;
      if (rows.length >= many) {
        const params: (string | number | null)[] = new Array(many);
        for (; i + many <= rows.length; i += many) {
          for (let j = 0; j < many; j++) params[j] = rows[i + j] as string | number | null;
          stored += this.#insertMany.run(params).changes;
        }
      }
      for (; i < rows.length; i += 5) stored += this.#insert.run(rows[i], rows[i + 1], rows[i + 2], rows[i + 3], rows[i + 4]).changes;
      return { stored, duplicate: false };
    });
  }

  async appendEvents(monitor: string, events: readonly Omit<StoredEvent, 'label'>[], idempotencyKey?: string): Promise<IngestResult> {
    // One pass: each event checked and turned into its row's five values (its body serialised once);
    // a batch's events share their receive time, parsed once.
    const rows: (string | number | null)[] = new Array(events.length * 5);
    let receivedText: string | undefined;
    let received = Number.NaN;
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as Omit<StoredEvent, 'label'>;
      const t = Date.parse(event.timestamp);
      if (Number.isNaN(t)) throw eventError(i, 'timestamp', `timestamp "${event.timestamp}" is not ISO-8601`);
      if (event.receivedAt !== receivedText) {
        receivedText = event.receivedAt;
        received = Date.parse(receivedText);
        if (Number.isNaN(received)) throw eventError(i, 'receivedAt', `receivedAt "${event.receivedAt}" is not ISO-8601`);
      }
      const { features, id } = event;
      if (features === null || typeof features !== 'object' || Array.isArray(features))
        throw eventError(i, 'features', 'features must be an object of values by column');
      if (id !== undefined && (typeof id !== 'string' || id === '')) throw eventError(i, 'id', 'id must be a non-empty string');
      const at = i * 5;
      rows[at] = monitor;
      rows[at + 1] = id ?? null;
      rows[at + 2] = t;
      rows[at + 3] = received;
      rows[at + 4] = JSON.stringify({ features, prediction: event.prediction, probabilities: event.probabilities });
    }
    return this.#write.immediate(monitor, rows, idempotencyKey);
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
    const upsert = this.#db.prepare(
      'INSERT INTO labels (monitor, event_id, label, received_ms) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (monitor, event_id) DO UPDATE SET label = excluded.label, received_ms = excluded.received_ms',
    );
    return this.#db
      .transaction((): IngestResult => {
        if (idempotencyKey !== undefined && !this.#claimKey(monitor, 'labels', idempotencyKey)) return { stored: 0, duplicate: true };
        for (const l of labels) upsert.run(monitor, l.id, JSON.stringify(l.label ?? null), now);
        return { stored: labels.length, duplicate: false };
      })
      .immediate();
  }

  async read(monitor: string, range: { readonly from: string; readonly to: string }): Promise<StoredEvent[]> {
    const rows = this.#db
      .prepare(
        'SELECT e.event_id, e.t, e.received_ms, e.body, l.label FROM events e ' +
          'LEFT JOIN labels l ON l.monitor = e.monitor AND l.event_id = e.event_id ' +
          'WHERE e.monitor = ? AND e.t / 3600000 BETWEEN ? AND ? AND e.t >= ? AND e.t < ? ORDER BY e.t, e.seq',
      )
      .all(monitor, ...hourRange(Date.parse(range.from), Date.parse(range.to))) as EventRow[];
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
    return this.#db.prepare('SELECT count(*) FROM events WHERE monitor = ?').pluck().get(monitor) as number;
  }

  async prune(monitor: string, before: string): Promise<number> {
    const limit = Date.parse(before);
    if (Number.isNaN(limit)) throw new TypeError(`prune: "${before}" is not ISO-8601`);
    return this.#db
      .transaction(() => {
        this.#db
          .prepare(
            'DELETE FROM labels WHERE monitor = ? AND event_id IN ' +
              '(SELECT event_id FROM events WHERE monitor = ? AND t / 3600000 <= ? AND t < ? AND event_id IS NOT NULL)',
          )
          .run(monitor, monitor, hourOf(limit), limit);
        const { changes } = this.#db
          .prepare('DELETE FROM events WHERE monitor = ? AND t / 3600000 <= ? AND t < ?')
          .run(monitor, hourOf(limit), limit);
        // Labels still waiting for their event, and batch keys, go once they are as old as the pruned events.
        this.#db
          .prepare(
            'DELETE FROM labels WHERE monitor = ? AND received_ms < ? AND NOT EXISTS ' +
              '(SELECT 1 FROM events e WHERE e.monitor = labels.monitor AND e.event_id = labels.event_id)',
          )
          .run(monitor, limit);
        this.#db.prepare('DELETE FROM idempotency_keys WHERE monitor = ? AND received_ms < ?').run(monitor, limit);
        return changes;
      })
      .immediate();
  }

  /** Records an idempotency key; `false` when the monitor already had it (inside the batch's transaction). */
  #claimKey(monitor: string, kind: 'events' | 'labels', key: string): boolean {
    return this.#claim.run(monitor, kind, key, this.#now()).changes === 1;
  }
}
