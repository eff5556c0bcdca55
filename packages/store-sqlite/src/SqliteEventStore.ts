import { type EventStore, type IngestResult, normaliseEventTimes, type StoredEvent } from '@driftwatch/core';
import type Database from 'better-sqlite3';

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
  readonly #claim: Database.Statement;

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
    // Prepared once: ingestion runs them for every batch.
    this.#insert = db.prepare('INSERT INTO events (monitor, event_id, t, received_ms, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    this.#claim = db.prepare('INSERT INTO idempotency_keys (monitor, kind, key, received_ms) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
  }

  async appendEvents(monitor: string, events: readonly Omit<StoredEvent, 'label'>[], idempotencyKey?: string): Promise<IngestResult> {
    const checked = normaliseEventTimes(events).map(({ t, received, event }) => ({
      t,
      received,
      id: event.id ?? null,
      body: JSON.stringify({ features: event.features, prediction: event.prediction, probabilities: event.probabilities }),
    }));
    const insert = this.#insert;
    return this.#db
      .transaction((): IngestResult => {
        if (idempotencyKey !== undefined && !this.#claimKey(monitor, 'events', idempotencyKey)) return { stored: 0, duplicate: true };
        let stored = 0;
        for (const e of checked) stored += insert.run(monitor, e.id, e.t, e.received, e.body).changes;
        return { stored, duplicate: false };
      })
      .immediate();
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
          'WHERE e.monitor = ? AND e.t >= ? AND e.t < ? ORDER BY e.t, e.seq',
      )
      .all(monitor, Date.parse(range.from), Date.parse(range.to)) as EventRow[];
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
            'DELETE FROM labels WHERE monitor = ? AND event_id IN (SELECT event_id FROM events WHERE monitor = ? AND t < ? AND event_id IS NOT NULL)',
          )
          .run(monitor, monitor, limit);
        const { changes } = this.#db.prepare('DELETE FROM events WHERE monitor = ? AND t < ?').run(monitor, limit);
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
