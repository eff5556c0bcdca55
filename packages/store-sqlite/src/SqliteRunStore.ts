import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
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
import type Database from 'better-sqlite3';
import { openDatabase } from './openDatabase.js';
import { runSummaryColumns } from './runSummaryColumns.js';
import { SqliteAlertStore } from './SqliteAlertStore.js';
import { SqliteEventStore } from './SqliteEventStore.js';
import { SqliteMetricSeriesStore } from './SqliteMetricSeriesStore.js';
import { SqliteOutbox } from './SqliteOutbox.js';
import { SqliteTokenStore } from './SqliteTokenStore.js';

/** The classes of the store's capabilities beyond runs, over the one connection (their prototypes name their methods). */
const capabilityClasses = {
  series: SqliteMetricSeriesStore,
  alerts: SqliteAlertStore,
  tokens: SqliteTokenStore,
  events: SqliteEventStore,
} as const;

type Capabilities = { [K in keyof typeof capabilityClasses]: InstanceType<(typeof capabilityClasses)[K]> };

/** A row of the runs' summary columns, as `raw()` reads it. */
type SummaryRow = [
  id: string,
  monitor: string,
  status: RunRecord['status'],
  startedAt: string,
  finishedAt: string | null,
  driftShare: number | null,
  driftedColumns: number | null,
  columns: number | null,
];

/** Options of {@link SqliteRunStore} besides its file. */
export interface SqliteRunStoreOptions {
  /** Clock in epoch ms (lock expiry, label and key times). Default `Date.now`. */
  readonly now?: () => number;
  /** How long a write waits for another process's, ms. Default 5 000. */
  readonly busyTimeoutMs?: number;
  /** Scrubs secrets from every string of a run or attempt before it is written. Default: none. */
  readonly redact?: <T>(record: T) => T;
}

/**
 * The embedded default store: one SQLite file (WAL mode, busy timeout) holding runs, retraining
 * attempts, locks with a TTL, every sink's outbox, and the server's metric series, alerts, API
 * tokens and ingested events. The schema is migrated when the file is opened (see
 * `applyMigrations`); every multi-row write is one transaction. Several processes (the CLI and
 * `driftwatch serve`) share the file.
 *
 * The file opens on `start()` or on first use; `shutdown()` closes it. Failures other than state
 * and input errors surface as provider errors of `sqlite` naming the operation and the file.
 */
export class SqliteRunStore implements RunStore {
  readonly path: string;
  readonly #now: () => number;
  readonly #busyTimeoutMs: number;
  readonly #redact: <T>(record: T) => T;
  #db: Database.Database | undefined;
  #checkpointer: Worker | undefined;
  #stores: Capabilities | undefined;
  /** Statements of the hot paths (the overview's summaries, saveRun), prepared once per open file. */
  readonly #statements = new Map<string, Database.Statement>();
  /** Migration versions the last open applied (empty when the schema was current). */
  appliedMigrations: readonly number[] = [];

  constructor(path: string, options: SqliteRunStoreOptions = {}) {
    this.path = path;
    this.#now = options.now ?? Date.now;
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    this.#redact = options.redact ?? ((record) => record);
  }

  /** Opens the file and migrates its schema. */
  start(): void {
    this.#open('start');
  }

  /**
   * Moves WAL checkpoints off this thread, for a long-lived process that writes a lot (`driftwatch
   * serve`): SQLite otherwise checkpoints inside the commit that crosses ~4 MB of WAL, and that
   * commit's caller waits (the ingestion p99: bench W4). A worker thread with its own connection runs
   * a PASSIVE checkpoint every `intervalMs` (it never blocks writers) and this connection stops
   * checkpointing on commit. `false`, with checkpoints left on commit, when the worker's module is
   * not there (running from TypeScript source) or fails; `shutdown()` stops it.
   */
  startBackgroundCheckpoints(intervalMs = 1000): boolean {
    if (this.#checkpointer) return true;
    const db = this.#open('startBackgroundCheckpoints');
    const script = new URL('./checkpointWorker.js', import.meta.url);
    if (this.path === ':memory:' || !existsSync(fileURLToPath(script))) return false;
    const worker = new Worker(script, { workerData: { path: this.path, intervalMs, busyTimeoutMs: this.#busyTimeoutMs } });
    worker.unref();
    const fallBack = () => {
      if (this.#checkpointer !== worker) return;
      this.#checkpointer = undefined;
      if (this.#db === db) db.pragma('wal_autocheckpoint = 1000');
    };
    worker.on('error', fallBack);
    worker.on('exit', fallBack);
    db.pragma('wal_autocheckpoint = 0');
    this.#checkpointer = worker;
    return true;
  }

  /** Closes the file (idempotent); a later call opens it again. */
  shutdown(): void {
    const checkpointer = this.#checkpointer;
    this.#checkpointer = undefined;
    checkpointer?.postMessage('stop');
    this.#db?.close();
    this.#db = undefined;
    this.#stores = undefined;
    this.#statements.clear();
  }

  /** The open database (for `driftwatch store migrate` and tests). */
  database(): Database.Database {
    return this.#open('open');
  }

  async saveRun(run: RunRecord): Promise<void> {
    this.#guard('saveRun', (db) => {
      const stored = this.#redact(run);
      // The summary's figures go into their own columns: the overview and run lists read only those.
      this.#statement(
        db,
        'INSERT OR REPLACE INTO runs (id, monitor, started_at, status, record, finished_at, drift_share, drifted_columns, tested_columns) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(run.id, run.monitor, run.startedAt, run.status, toJsonText(stored), ...runSummaryColumns(stored));
    });
  }

  async listRuns(query: { readonly monitor?: string; readonly limit?: number } = {}): Promise<RunRecord[]> {
    return this.#guard('listRuns', (db) => {
      const limit = query.limit ?? -1;
      const rows = (
        query.monitor === undefined
          ? db.prepare('SELECT record FROM runs ORDER BY started_at DESC, id DESC LIMIT ?').pluck().all(limit)
          : db
              .prepare('SELECT record FROM runs WHERE monitor = ? ORDER BY started_at DESC, id DESC LIMIT ?')
              .pluck()
              .all(query.monitor, limit)
      ) as string[];
      return rows.map((r) => JSON.parse(r) as RunRecord);
    });
  }

  /** Summaries from the runs' own columns (one index-only query: the covering index `runs_by_monitor` for a monitor). */
  async listRunSummaries(query: { readonly monitor?: string; readonly limit?: number } = {}): Promise<RunSummary[]> {
    return this.#guard('listRunSummaries', (db) => {
      const columns = 'id, monitor, status, started_at, finished_at, drift_share, drifted_columns, tested_columns';
      const limit = query.limit ?? -1;
      const rows = (
        query.monitor === undefined
          ? this.#statement(db, `SELECT ${columns} FROM runs ORDER BY started_at DESC, id DESC LIMIT ?`).raw().all(limit)
          : this.#statement(db, `SELECT ${columns} FROM runs WHERE monitor = ? ORDER BY started_at DESC, id DESC LIMIT ?`)
              .raw()
              .all(query.monitor, limit)
      ) as SummaryRow[];
      const out: RunSummary[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const [id, monitor, status, startedAt, finishedAt, driftShare, driftedColumns, columns] = rows[i] as SummaryRow;
        const summary: { -readonly [K in keyof RunSummary]: RunSummary[K] } = { id, monitor, status, startedAt };
        if (finishedAt !== null) summary.finishedAt = finishedAt;
        if (driftShare !== null) summary.driftShare = driftShare;
        if (driftedColumns !== null) summary.driftedColumns = driftedColumns;
        if (columns !== null) summary.columns = columns;
        out[i] = summary;
      }
      return out;
    });
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    return this.#guard('getRun', (db) => {
      const row = db.prepare('SELECT record FROM runs WHERE id = ?').pluck().get(id) as string | undefined;
      return row === undefined ? undefined : (JSON.parse(row) as RunRecord);
    });
  }

  async saveAttempt(attempt: RetrainingAttempt): Promise<void> {
    this.#guard('saveAttempt', (db) => {
      db.prepare('INSERT OR REPLACE INTO attempts (id, model, monitor, state, created_at, record) VALUES (?, ?, ?, ?, ?, ?)').run(
        attempt.id,
        attempt.model,
        attempt.monitor,
        attempt.state,
        attempt.createdAt,
        toJsonText(this.#redact(attempt)),
      );
    });
  }

  async getAttempt(id: string): Promise<RetrainingAttempt | undefined> {
    return this.#guard('getAttempt', (db) => {
      const row = db.prepare('SELECT record FROM attempts WHERE id = ?').pluck().get(id) as string | undefined;
      return row === undefined ? undefined : (JSON.parse(row) as RetrainingAttempt);
    });
  }

  async listAttempts(query: AttemptQuery = {}): Promise<RetrainingAttempt[]> {
    return this.#guard('listAttempts', (db) => {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (query.model !== undefined) {
        where.push('model = ?');
        params.push(query.model);
      }
      if (query.monitor !== undefined) {
        where.push('monitor = ?');
        params.push(query.monitor);
      }
      if (query.states !== undefined) {
        where.push(`state IN (${query.states.map(() => '?').join(', ') || 'NULL'})`);
        params.push(...query.states);
      }
      params.push(query.limit ?? -1);
      const sql = `SELECT record FROM attempts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`;
      return (
        db
          .prepare(sql)
          .pluck()
          .all(...params) as string[]
      ).map((r) => JSON.parse(r) as RetrainingAttempt);
    });
  }

  async acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.#guard('acquireLock', (db) =>
      db
        .transaction(() => {
          const now = this.#now();
          const held = db.prepare('SELECT owner, expires_ms, pid, host FROM locks WHERE name = ?').get(name) as
            | { owner: string; expires_ms: number; pid: number | null; host: string | null }
            | undefined;
          if (held && held.owner !== owner && held.expires_ms > now && !abandoned(held)) return false;
          db.prepare('INSERT OR REPLACE INTO locks (name, owner, expires_ms, pid, host) VALUES (?, ?, ?, ?, ?)').run(
            name,
            owner,
            now + ttlMs,
            process.pid,
            hostname(),
          );
          return true;
        })
        .immediate(),
    );
  }

  async releaseLock(name: string, owner: string): Promise<void> {
    this.#guard('releaseLock', (db) => {
      db.prepare('DELETE FROM locks WHERE name = ? AND owner = ?').run(name, owner);
    });
  }

  /** The outbox of sink `sink` (rows of the `outbox` table). */
  outbox(sink: string): SinkOutbox {
    if (!/^[\w.-]+$/.test(sink)) throw new StateError('STATE_CORRUPT', `sink key "${sink}" must be letters, digits, ".", "_", "-"`);
    const outbox = new SqliteOutbox(this.#open('outbox'), sink);
    return {
      add: (points) => this.#guardAsync('outbox.add', () => outbox.add(points)),
      pending: (bounds) => this.#guardAsync('outbox.pending', () => outbox.pending(bounds)),
      settle: (delivered) => this.#guardAsync('outbox.settle', () => outbox.settle(delivered)),
    };
  }

  series(): MetricSeriesStore {
    return this.#wrap('series');
  }

  alerts(): AlertStore {
    return this.#wrap('alerts');
  }

  tokens(): TokenStore {
    return this.#wrap('tokens');
  }

  events(): EventStore {
    return this.#wrap('events');
  }

  #capabilities(): Capabilities {
    const db = this.#open('open');
    this.#stores ??= {
      series: new SqliteMetricSeriesStore(db),
      alerts: new SqliteAlertStore(db),
      tokens: new SqliteTokenStore(db),
      events: new SqliteEventStore(db, this.#now),
    };
    return this.#stores;
  }

  /**
   * The capability with every method's failures turned into provider errors naming it. The file is
   * opened at the first call, not here: a factory that only asks whether the store keeps events (the
   * `events` source's) opens nothing, as `config validate` promises.
   */
  #wrap<K extends keyof Capabilities>(name: K): Capabilities[K] {
    const methods = capabilityClasses[name].prototype as object;
    return new Proxy({} as Capabilities[K], {
      get: (_target, property) => {
        if (property === 'constructor' || typeof Reflect.get(methods, property) !== 'function') {
          // Not a thenable, and no other fields: nothing to open the file for.
          return property === 'then' || typeof property === 'symbol' ? undefined : Reflect.get(this.#capabilities()[name], property);
        }
        return (...args: unknown[]) =>
          this.#guardAsync(`${name}.${String(property)}`, async () => {
            const store = this.#capabilities()[name];
            return (Reflect.get(store, property) as (...a: unknown[]) => unknown).apply(store, args);
          });
      },
    });
  }

  #open(operation: string): Database.Database {
    if (this.#db) return this.#db;
    try {
      const { db, applied } = openDatabase(this.path, { busyTimeoutMs: this.#busyTimeoutMs, now: this.#now });
      this.#db = db;
      this.appliedMigrations = applied;
      return db;
    } catch (error) {
      throw this.#failure(operation, error);
    }
  }

  #statement(db: Database.Database, sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #guard<T>(operation: string, fn: (db: Database.Database) => T): T {
    const db = this.#open(operation);
    try {
      return fn(db);
    } catch (error) {
      throw this.#failure(operation, error);
    }
  }

  async #guardAsync<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw this.#failure(operation, error);
    }
  }

  #failure(operation: string, error: unknown): unknown {
    if (isDriftwatchError(error)) return error;
    if (error instanceof TypeError) return error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_BUSY') {
      return new StateError(
        'STATE_CONFLICT',
        `${this.path}: another process held the store's write lock for longer than ${this.#busyTimeoutMs} ms`,
        {
          cause: error,
        },
      );
    }
    return new ProviderError('sqlite', operation, `${this.path}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Whether a lock's holder ran on this machine and its process is gone (killed, crashed): such a
 * lock is taken over before it expires, as the file store's are. A holder on another machine, or of
 * unknown process, holds until its expiry.
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
