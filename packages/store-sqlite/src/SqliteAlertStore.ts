import { randomUUID } from 'node:crypto';
import type { AlertStore, StoredAlert } from '@driftwatch/core';
import type Database from 'better-sqlite3';

/** Fired alerts in the `alerts` table, listed newest first through its (monitor, time) and time indexes. */
export class SqliteAlertStore implements AlertStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  async append(alerts: readonly Omit<StoredAlert, 'id'>[]): Promise<void> {
    const rows = alerts.map((alert) => {
      const t = Date.parse(alert.timestamp);
      if (Number.isNaN(t)) throw new TypeError(`alert "${alert.rule}": timestamp "${alert.timestamp}" is not ISO-8601`);
      const stored: StoredAlert = { ...alert, id: randomUUID() };
      return { stored, t };
    });
    const insert = this.#db.prepare('INSERT INTO alerts (id, monitor, t, record) VALUES (?, ?, ?, ?)');
    this.#db
      .transaction(() => {
        for (const { stored, t } of rows) insert.run(stored.id, stored.monitor, t, JSON.stringify(stored));
      })
      .immediate();
  }

  async list(query: { readonly monitor?: string; readonly since?: string; readonly limit?: number } = {}): Promise<StoredAlert[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.monitor !== undefined) {
      where.push('monitor = ?');
      params.push(query.monitor);
    }
    if (query.since !== undefined) {
      where.push('t >= ?');
      params.push(Date.parse(query.since));
    }
    const sql = `SELECT record FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t DESC, seq DESC LIMIT ?`;
    params.push(query.limit ?? -1);
    return (
      this.#db
        .prepare(sql)
        .pluck()
        .all(...params) as string[]
    ).map((r) => JSON.parse(r) as StoredAlert);
  }
}
