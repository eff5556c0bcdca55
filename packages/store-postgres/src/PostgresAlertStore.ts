import { randomUUID } from 'node:crypto';
import type { AlertStore, StoredAlert } from '@driftwatch/core';
import type { Sql } from './Sql.js';

/** Fired alerts in the `alerts` table, listed newest first through its (monitor, time) and time indexes. */
export class PostgresAlertStore implements AlertStore {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async append(alerts: readonly Omit<StoredAlert, 'id'>[]): Promise<void> {
    const ids: string[] = [];
    const monitors: string[] = [];
    const times: number[] = [];
    const records: string[] = [];
    for (const alert of alerts) {
      const t = Date.parse(alert.timestamp);
      if (Number.isNaN(t)) throw new TypeError(`alert "${alert.rule}": timestamp "${alert.timestamp}" is not ISO-8601`);
      const stored: StoredAlert = { ...alert, id: randomUUID() };
      ids.push(stored.id);
      monitors.push(stored.monitor);
      times.push(t);
      records.push(JSON.stringify(stored));
    }
    if (ids.length === 0) return;
    // One statement: all or nothing, in the batch's order (seq breaks ties of one time).
    await this.#sql.query(
      'INSERT INTO alerts (id, monitor, t, record) SELECT id, monitor, t, record ' +
        'FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) WITH ORDINALITY AS u (id, monitor, t, record, n) ORDER BY n',
      [ids, monitors, times, records],
    );
  }

  async list(query: { readonly monitor?: string; readonly since?: string; readonly limit?: number } = {}): Promise<StoredAlert[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.monitor !== undefined) {
      params.push(query.monitor);
      where.push(`monitor = $${params.length}`);
    }
    if (query.since !== undefined) {
      params.push(Date.parse(query.since));
      where.push(`t >= $${params.length}`);
    }
    params.push(query.limit ?? null);
    const sql = `SELECT record FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t DESC, seq DESC LIMIT $${params.length}`;
    return (await this.#sql.query<{ record: string }>(sql, params)).map((r) => JSON.parse(r.record) as StoredAlert);
  }
}
