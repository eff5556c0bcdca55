import { hostname } from 'node:os';
import {
  type AlertStore,
  type AttemptQuery,
  type EventStore,
  isDriftwatchError,
  type MetricSeriesStore,
  ProviderError,
  type RetrainingAttempt,
  type RunRecord,
  type RunStore,
  type RunSummary,
  type SinkOutbox,
  StateError,
  type TokenStore,
  toJsonText,
} from '@driftwatch/core';
import pg from 'pg';
import { applyMigrations } from './applyMigrations.js';
import { PostgresAlertStore } from './PostgresAlertStore.js';
import { PostgresEventStore } from './PostgresEventStore.js';
import { PostgresMetricSeriesStore } from './PostgresMetricSeriesStore.js';
import { PostgresOutbox } from './PostgresOutbox.js';
import { PostgresTokenStore } from './PostgresTokenStore.js';
import { readMigrations } from './readMigrations.js';
import { redactUrl } from './redactUrl.js';
import { runSummaryColumns } from './runSummaryColumns.js';
import type { Sql } from './Sql.js';

/** How {@link PostgresRunStore} connects and behaves. */
export interface PostgresRunStoreOptions {
  /** Connection URL, `postgres://user:password@host:5432/database`. */
  readonly url: string;
  /** The schema holding every table (created when missing). Default `driftwatch`. */
  readonly schema?: string;
  /** Connections of the pool. Default 10. */
  readonly poolSize?: number;
  /** How long opening a connection may take, ms. Default 10 000. */
  readonly connectTimeoutMs?: number;
  /** Clock in epoch ms (lock expiry, label and key times). Default `Date.now`. */
  readonly now?: () => number;
  /** Scrubs secrets from every string of a run or attempt before it is written. Default: none. */
  readonly redact?: <T>(record: T) => T;
  /** Told about a failure of an idle connection (the pool drops it and opens another). Default: ignored. */
  readonly onIdleError?: (error: Error) => void;
}

type SummaryRow = {
  id: string;
  monitor: string;
  status: RunRecord['status'];
  started_at: string;
  finished_at: string | null;
  drift_share: number | null;
  drifted_columns: number | null;
  tested_columns: number | null;
};

/** Errors that mean the database could not be reached or refused us, by code (Node's and PostgreSQL's). */
const connectionCodes: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (is PostgreSQL running and listening there?)',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ECONNRESET: 'connection reset',
  '28P01': 'authentication failed (check the user and password of store.url)',
  '28000': 'authentication rejected (check pg_hba.conf and the user of store.url)',
  '3D000': 'unknown database (create it, or fix the database of store.url)',
  '57P03': 'the server is starting up or shutting down',
};

/** Integer types as numbers (bigint epoch ms stay below 2^53), everything else as node-postgres parses it. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as never,
};

/**
 * The store of several processes and machines: one PostgreSQL schema holding runs, retraining
 * attempts, locks with a TTL (rows, so they hold across machines), every sink's outbox, and the
 * server's metric series, alerts, API tokens and ingested events (partitioned by day). The
 * schema is created and migrated on `start()` (or first use) under an advisory lock (see
 * `applyMigrations`); every multi-row write is one transaction.
 *
 * `shutdown()` closes the pool; a later call opens it again. Failures other than state and input
 * errors surface as provider errors of `postgres` naming the operation and the URL (password
 * hidden).
 */
export class PostgresRunStore implements RunStore {
  readonly url: string;
  readonly schema: string;
  readonly #options: PostgresRunStoreOptions;
  readonly #now: () => number;
  readonly #redact: <T>(record: T) => T;
  #pool: Promise<pg.Pool> | undefined;
  #stores:
    | { series: PostgresMetricSeriesStore; alerts: PostgresAlertStore; tokens: PostgresTokenStore; events: PostgresEventStore }
    | undefined;
  /** Migration versions the last open applied (empty when the schema was current). */
  appliedMigrations: readonly number[] = [];
  /** The statements and transactions of the tables' modules, on this store's pool. */
  readonly sql: Sql;

  constructor(options: PostgresRunStoreOptions) {
    this.#options = options;
    this.url = options.url;
    this.schema = options.schema ?? 'driftwatch';
    this.#now = options.now ?? Date.now;
    this.#redact = options.redact ?? ((record) => record);
    const query = async <R>(db: pg.Pool | pg.PoolClient, text: string, values?: readonly unknown[]) =>
      (await db.query(text, values as unknown[])).rows as R[];
    const execute = async (db: pg.Pool | pg.PoolClient, text: string, values?: readonly unknown[]) =>
      (await db.query(text, values as unknown[])).rowCount ?? 0;
    this.sql = {
      query: async (text, values) => query(await this.#open(), text, values),
      execute: async (text, values) => execute(await this.#open(), text, values),
      connection: async (fn) => {
        const client = await (await this.#open()).connect();
        try {
          return await fn({
            query: (text, values) => query(client, text, values),
            execute: (text, values) => execute(client, text, values),
          });
        } finally {
          client.release();
        }
      },
      transaction: (fn) =>
        this.sql.connection(async (db) => {
          await db.query('BEGIN');
          try {
            const result = await fn(db);
            await db.query('COMMIT');
            return result;
          } catch (error) {
            await db.query('ROLLBACK').catch(() => undefined);
            throw error;
          }
        }),
    };
  }

  /** Connects and migrates the schema. */
  async start(): Promise<void> {
    await this.#guard('start', () => this.#open());
  }

  /** Closes the pool (idempotent); a later call opens it again. */
  async shutdown(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    this.#stores = undefined;
    const opened = await pool?.catch(() => undefined);
    await opened?.end();
  }

  /** The pool (opened and migrated), for `driftwatch store migrate` and tests. */
  pool(): Promise<pg.Pool> {
    return this.#guard('open', () => this.#open());
  }

  /** The schema's version: the last migration recorded in `schema_migrations` (opening the store applies the missing ones). */
  async schemaVersion(): Promise<number> {
    return this.#guard('schemaVersion', async () => {
      const [row] = await this.sql.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
      return row?.version ?? 0;
    });
  }

  async saveRun(run: RunRecord): Promise<void> {
    const stored = this.#redact(run);
    await this.#guard('saveRun', () =>
      this.sql.query(
        'INSERT INTO runs (id, monitor, started_at, status, record, finished_at, drift_share, drifted_columns, tested_columns) ' +
          'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO UPDATE SET monitor = excluded.monitor, ' +
          'started_at = excluded.started_at, status = excluded.status, record = excluded.record, finished_at = excluded.finished_at, ' +
          'drift_share = excluded.drift_share, drifted_columns = excluded.drifted_columns, tested_columns = excluded.tested_columns',
        [run.id, run.monitor, run.startedAt, run.status, toJsonText(stored), ...runSummaryColumns(stored)],
      ),
    );
  }

  async listRuns(query: { readonly monitor?: string; readonly limit?: number } = {}): Promise<RunRecord[]> {
    return this.#guard('listRuns', async () => {
      const rows =
        query.monitor === undefined
          ? await this.sql.query<{ record: string }>('SELECT record FROM runs ORDER BY started_at DESC, id DESC LIMIT $1', [
              query.limit ?? null,
            ])
          : await this.sql.query<{ record: string }>(
              'SELECT record FROM runs WHERE monitor = $1 ORDER BY started_at DESC, id DESC LIMIT $2',
              [query.monitor, query.limit ?? null],
            );
      return rows.map((r) => JSON.parse(r.record) as RunRecord);
    });
  }

  /** Summaries from the runs' own columns (an index-only scan of `runs_by_monitor` for a monitor). */
  async listRunSummaries(query: { readonly monitor?: string; readonly limit?: number } = {}): Promise<RunSummary[]> {
    return this.#guard('listRunSummaries', async () => {
      const columns = 'id, monitor, status, started_at, finished_at, drift_share, drifted_columns, tested_columns';
      const rows =
        query.monitor === undefined
          ? await this.sql.query<SummaryRow>(`SELECT ${columns} FROM runs ORDER BY started_at DESC, id DESC LIMIT $1`, [
              query.limit ?? null,
            ])
          : await this.sql.query<SummaryRow>(`SELECT ${columns} FROM runs WHERE monitor = $1 ORDER BY started_at DESC, id DESC LIMIT $2`, [
              query.monitor,
              query.limit ?? null,
            ]);
      return rows.map((row) => {
        const summary: { -readonly [K in keyof RunSummary]: RunSummary[K] } = {
          id: row.id,
          monitor: row.monitor,
          status: row.status,
          startedAt: row.started_at,
        };
        if (row.finished_at !== null) summary.finishedAt = row.finished_at;
        if (row.drift_share !== null) summary.driftShare = row.drift_share;
        if (row.drifted_columns !== null) summary.driftedColumns = row.drifted_columns;
        if (row.tested_columns !== null) summary.columns = row.tested_columns;
        return summary;
      });
    });
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    return this.#guard('getRun', async () => {
      const [row] = await this.sql.query<{ record: string }>('SELECT record FROM runs WHERE id = $1', [id]);
      return row === undefined ? undefined : (JSON.parse(row.record) as RunRecord);
    });
  }

  async saveAttempt(attempt: RetrainingAttempt): Promise<void> {
    await this.#guard('saveAttempt', () =>
      this.sql.query(
        'INSERT INTO attempts (id, model, monitor, state, created_at, record) VALUES ($1, $2, $3, $4, $5, $6) ' +
          'ON CONFLICT (id) DO UPDATE SET model = excluded.model, monitor = excluded.monitor, state = excluded.state, ' +
          'created_at = excluded.created_at, record = excluded.record',
        [attempt.id, attempt.model, attempt.monitor, attempt.state, attempt.createdAt, toJsonText(this.#redact(attempt))],
      ),
    );
  }

  async getAttempt(id: string): Promise<RetrainingAttempt | undefined> {
    return this.#guard('getAttempt', async () => {
      const [row] = await this.sql.query<{ record: string }>('SELECT record FROM attempts WHERE id = $1', [id]);
      return row === undefined ? undefined : (JSON.parse(row.record) as RetrainingAttempt);
    });
  }

  async listAttempts(query: AttemptQuery = {}): Promise<RetrainingAttempt[]> {
    return this.#guard('listAttempts', async () => {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.model !== undefined) {
        params.push(query.model);
        where.push(`model = $${params.length}`);
      }
      if (query.monitor !== undefined) {
        params.push(query.monitor);
        where.push(`monitor = $${params.length}`);
      }
      if (query.states !== undefined) {
        params.push([...query.states]);
        where.push(`state = ANY($${params.length}::text[])`);
      }
      params.push(query.limit ?? null);
      const sql = `SELECT record FROM attempts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`;
      return (await this.sql.query<{ record: string }>(sql, params)).map((r) => JSON.parse(r.record) as RetrainingAttempt);
    });
  }

  /**
   * One statement takes the lock when it is free, expired or already this owner's (renewing it),
   * atomically whichever process on whichever machine asks (`INSERT … ON CONFLICT … DO UPDATE …
   * WHERE`). A lock whose holder ran on this machine and whose process is gone (killed, crashed) is
   * taken over before it expires, as the SQLite store does; a holder on another machine holds until
   * its expiry (by the holders' clocks: keep the machines' clocks synchronised).
   */
  async acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.#guard('acquireLock', async () => {
      const now = this.#now();
      const values = [name, owner, now + ttlMs, process.pid, hostname(), now];
      const taken = await this.sql.query(
        'INSERT INTO locks AS l (name, owner, expires_ms, pid, host) VALUES ($1, $2, $3, $4, $5) ' +
          'ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_ms = excluded.expires_ms, pid = excluded.pid, host = excluded.host ' +
          'WHERE l.owner = excluded.owner OR l.expires_ms <= $6 RETURNING 1',
        values,
      );
      if (taken.length > 0) return true;
      const [held] = await this.sql.query<{ owner: string; pid: number | null; host: string | null }>(
        'SELECT owner, pid, host FROM locks WHERE name = $1',
        [name],
      );
      if (held === undefined || !abandoned(held)) return false;
      // Taken over only if the dead holder still has it (another process may have taken it since).
      const takenOver = await this.sql.query(
        'UPDATE locks SET owner = $2, expires_ms = $3, pid = $4, host = $5 WHERE name = $1 AND owner = $6 AND pid = $7 AND host = $8 RETURNING 1',
        [...values.slice(0, 5), held.owner, held.pid, held.host],
      );
      return takenOver.length > 0;
    });
  }

  async releaseLock(name: string, owner: string): Promise<void> {
    await this.#guard('releaseLock', () => this.sql.query('DELETE FROM locks WHERE name = $1 AND owner = $2', [name, owner]));
  }

  /** The outbox of sink `sink` (rows of the `outbox` table). */
  outbox(sink: string): SinkOutbox {
    if (!/^[\w.-]+$/.test(sink)) throw new StateError('STATE_CORRUPT', `sink key "${sink}" must be letters, digits, ".", "_", "-"`);
    return this.#wrap('outbox', new PostgresOutbox(this.sql, sink));
  }

  series(): MetricSeriesStore {
    return this.#wrap('series', this.#capabilities().series);
  }

  alerts(): AlertStore {
    return this.#wrap('alerts', this.#capabilities().alerts);
  }

  tokens(): TokenStore {
    return this.#wrap('tokens', this.#capabilities().tokens);
  }

  events(): EventStore & Pick<PostgresEventStore, 'dropPartitionsBefore' | 'partitions'> {
    return this.#wrap('events', this.#capabilities().events);
  }

  #capabilities() {
    this.#stores ??= {
      series: new PostgresMetricSeriesStore(this.sql),
      alerts: new PostgresAlertStore(this.sql),
      tokens: new PostgresTokenStore(this.sql),
      events: new PostgresEventStore(this.sql, this.schema, this.#now),
    };
    return this.#stores;
  }

  /** The capability with every method's failures turned into provider errors naming it. */
  #wrap<T extends object>(name: string, store: T): T {
    return new Proxy(store, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => this.#guard(`${name}.${String(property)}`, () => value.apply(target, args));
      },
    });
  }

  /** The pool, opened and migrated once per open (concurrent callers share the attempt; a failed one is retried next time). */
  #open(): Promise<pg.Pool> {
    this.#pool ??= (async () => {
      const pool = new pg.Pool({
        connectionString: this.url,
        max: this.#options.poolSize ?? 10,
        connectionTimeoutMillis: this.#options.connectTimeoutMs ?? 10_000,
        application_name: 'driftwatch',
        // Every connection works in the store's schema (its tables' names are unqualified).
        options: `-c search_path=${this.schema}`,
        types,
      });
      pool.on('error', (error) => this.#options.onIdleError?.(error));
      try {
        const client = await pool.connect();
        try {
          this.appliedMigrations = await applyMigrations(client, this.schema, readMigrations(), this.#now);
        } finally {
          client.release();
        }
        return pool;
      } catch (error) {
        await pool.end().catch(() => undefined);
        throw error;
      }
    })();
    const opening = this.#pool;
    opening.catch(() => {
      if (this.#pool === opening) this.#pool = undefined;
    });
    return opening;
  }

  async #guard<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw this.#failure(operation, error);
    }
  }

  #failure(operation: string, error: unknown): unknown {
    if (isDriftwatchError(error)) return error;
    if (error instanceof TypeError) return error;
    // Node reports a refused connection to a name with several addresses as an AggregateError of each attempt's.
    const first = error instanceof AggregateError && error.errors.length > 0 ? (error.errors[0] as unknown) : error;
    const code = (first as { code?: string }).code;
    const message = (first as Error).message || String(first);
    const where = `${redactUrl(this.url)} (schema ${this.schema})`;
    if (code === '40P01' || code === '40001' || code === '55P03') {
      return new StateError('STATE_CONFLICT', `${where}: ${message} (another process's transaction conflicted; try again)`, {
        cause: error,
      });
    }
    const reason = code === undefined ? undefined : connectionCodes[code];
    if (reason !== undefined || /timeout exceeded when trying to connect|Connection terminated/i.test(message)) {
      return new ProviderError('postgres', operation, `cannot use ${where}: ${reason ?? message}${reason ? ` (${message})` : ''}`, {
        cause: error,
      });
    }
    return new ProviderError('postgres', operation, `${where}: ${message}`, { cause: error });
  }
}

/**
 * Whether a lock's holder ran on this machine and its process is gone (killed, crashed). A holder
 * on another machine, or of unknown process, holds until its expiry.
 */
function abandoned(held: { readonly pid: number | null; readonly host: string | null }): boolean {
  if (held.pid === null || held.host !== hostname() || held.pid === process.pid) return false;
  if (!Number.isInteger(held.pid) || held.pid <= 0) return false;
  try {
    process.kill(held.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists under another user.
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
}
