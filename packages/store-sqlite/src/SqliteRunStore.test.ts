import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  isDriftwatchError,
  type MetricPoint,
  Redactor,
  type RunRecord,
  type StoredEvent,
  summariseRun,
  Xoshiro128,
} from '@driftwatch/core';
import { InMemoryMetricSeriesStore } from '@driftwatch/core/testing';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from './applyMigrations.js';
import { readMigrations } from './readMigrations.js';
import { SqliteRunStore } from './SqliteRunStore.js';

const fresh = async (options: ConstructorParameters<typeof SqliteRunStore>[1] = {}) => {
  const dir = await mkdtemp(join(tmpdir(), 'dw-sqlite-'));
  const path = join(dir, 'nested', 'driftwatch.db');
  return { dir, path, store: new SqliteRunStore(path, options) };
};

const run = (id: string, monitor: string, minute: number): RunRecord => ({
  id,
  monitor,
  startedAt: `2026-11-27T10:${String(minute).padStart(2, '0')}:00.000Z`,
  finishedAt: `2026-11-27T10:${String(minute).padStart(2, '0')}:30.000Z`,
  status: 'ok',
  result: { share: 0.25, statistic: Number.POSITIVE_INFINITY },
});

/** The plan SQLite picks for a query, one detail line per step. */
const plan = (db: Database.Database, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');

describe('SqliteRunStore', () => {
  it('creates its folder and file in WAL mode with a busy timeout, and records the applied migrations', async () => {
    const { path, store } = await fresh({ busyTimeoutMs: 1234 });
    store.start();
    const db = store.database();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
    const versions = readMigrations().map((m) => m.version);
    expect(store.appliedMigrations).toEqual(versions);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(versions);
    store.shutdown();
    store.shutdown();
    // Opening again applies nothing.
    const again = new SqliteRunStore(path);
    again.start();
    expect(again.appliedMigrations).toEqual([]);
    again.shutdown();
  });

  it('keeps non-finite numbers of a result as strings (as the file store) and redacts every string', async () => {
    const redactor = new Redactor(['sk-live-123456']);
    const { store } = await fresh({ redact: (r) => redactor.strings(r) });
    await store.saveRun({ ...run('r1', 'credit', 1), failedSinks: [{ type: 'webhook', reason: 'auth sk-live-123456 rejected' }] });
    const saved = await store.getRun('r1');
    expect(saved?.result).toEqual({ share: 0.25, statistic: 'Infinity' });
    expect(saved?.failedSinks?.[0]?.reason).not.toContain('sk-live-123456');
    store.shutdown();
  });

  it('lets an expired lock be taken by another owner (TTL by the injected clock)', async () => {
    let now = Date.parse('2026-11-27T10:00:00Z');
    const { store } = await fresh({ now: () => now });
    expect(await store.acquireLock('monitor-credit', 'a', 10_000)).toBe(true);
    now += 9_999;
    expect(await store.acquireLock('monitor-credit', 'b', 10_000)).toBe(false);
    now += 2;
    expect(await store.acquireLock('monitor-credit', 'b', 10_000)).toBe(true);
    expect(await store.acquireLock('monitor-credit', 'a', 10_000)).toBe(false);
    store.shutdown();
  });

  it("takes over a lock whose holder's process on this machine is gone (kill -9), not one whose process lives", async () => {
    const { path, store } = await fresh();
    expect(await store.acquireLock('monitor-credit', 'a', 3_600_000)).toBe(true);
    const db = new Database(path);
    const holder = db.prepare('UPDATE locks SET pid = ? WHERE name = ?');
    // A process that lives (the test runner's parent) still holds the lock.
    holder.run(process.ppid, 'monitor-credit');
    expect(await store.acquireLock('monitor-credit', 'b', 3_600_000)).toBe(false);
    // A process that has exited: its lock is abandoned and taken over at once, long before its expiry.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    holder.run(gone, 'monitor-credit');
    expect(await store.acquireLock('monitor-credit', 'b', 3_600_000)).toBe(true);
    expect(db.prepare('SELECT owner, pid FROM locks WHERE name = ?').get('monitor-credit')).toEqual({ owner: 'b', pid: process.pid });
    // Another machine's holder is never judged by this machine's processes.
    db.prepare('UPDATE locks SET owner = ?, pid = ?, host = ? WHERE name = ?').run('c', gone, 'other-host', 'monitor-credit');
    expect(await store.acquireLock('monitor-credit', 'b', 3_600_000)).toBe(false);
    db.close();
    store.shutdown();
  });

  it('writes a batch of points in one transaction: a bad point leaves none of the batch', async () => {
    const { store } = await fresh();
    const point = (timestamp: string): MetricPoint => ({
      name: 'drift.statistic',
      value: 0.5,
      unit: 'None',
      timestamp,
      dimensions: { monitor: 'credit' },
    });
    await expect(store.series().append([point('2026-11-27T10:00:00Z'), point('not a time')])).rejects.toThrow(/not ISO-8601/);
    expect(await store.series().query({ name: 'drift.statistic' })).toEqual([]);
    // NaN survives as NaN (SQLite keeps it as NULL).
    await store.series().append([{ ...point('2026-11-27T10:00:00Z'), value: Number.NaN }]);
    expect((await store.series().query({ name: 'drift.statistic' }))[0]?.points[0]?.value).toBeNaN();
    store.shutdown();
  });

  it('downsamples in SQL exactly as core downsampleSeries does in memory (irregular times, several bucket counts)', async () => {
    const { store } = await fresh();
    const memory = new InMemoryMetricSeriesStore();
    const random = new Xoshiro128(7);
    let t = Date.parse('2026-01-01T00:00:00Z');
    const points: MetricPoint[] = [];
    for (let i = 0; i < 3000; i++) {
      t += 1 + Math.floor(random.nextDouble() * 7_200_000);
      // Quarters: sums of them are exact, so SQLite's avg and a plain sum agree to the bit.
      const value = Math.floor(random.nextDouble() * 400) / 4;
      for (const feature of ['age', 'income'])
        points.push({
          name: 'drift.statistic',
          value,
          unit: 'None',
          timestamp: new Date(t).toISOString(),
          dimensions: { monitor: 'm', feature },
          runId: `r${i}`,
        });
    }
    await store.series().append(points);
    await memory.append(points);
    for (const maxPoints of [1, 2, 7, 100, 499, 2999, 3000, 5000]) {
      const query = { name: 'drift.statistic', dimensions: { monitor: 'm' }, maxPoints };
      expect(await store.series().query(query), `maxPoints ${maxPoints}`).toEqual(await memory.query(query));
    }
    const ranged = { name: 'drift.statistic', from: points[600]!.timestamp, to: points[4000]!.timestamp, maxPoints: 50 };
    expect(await store.series().query(ranged)).toEqual(await memory.query(ranged));
    store.shutdown();
  });

  it("answers the API's queries through indexes, never by scanning a table", async () => {
    const { store } = await fresh();
    const db = store.database();
    expect(plan(db, 'SELECT record FROM runs WHERE monitor = ? ORDER BY started_at DESC, id DESC LIMIT 50', 'm')).toContain(
      'USING INDEX runs_by_monitor',
    );
    expect(plan(db, 'SELECT record FROM runs ORDER BY started_at DESC, id DESC LIMIT 50')).toContain('runs_by_start');
    expect(plan(db, 'SELECT t, value FROM points WHERE series_id = ? AND t >= ? AND t < ? ORDER BY t', 1, 0, 1)).toMatch(
      /SEARCH points USING PRIMARY KEY \(series_id=\? AND t>\? AND t<\?\)/,
    );
    expect(plan(db, 'SELECT id, name, dims FROM series WHERE name = ?', 'x')).toContain('INDEX sqlite_autoindex_series_1 (name=?)');
    expect(
      plan(db, 'SELECT * FROM events WHERE monitor = ? AND t / 3600000 BETWEEN ? AND ? AND t >= ? AND t < ? ORDER BY t', 'm', 0, 0, 0, 1),
    ).toContain('USING INDEX events_by_monitor_hour (monitor=? AND <expr>>? AND <expr><?)');
    expect(plan(db, 'DELETE FROM events WHERE monitor = ? AND t / 3600000 <= ? AND t < ?', 'm', 0, 1)).toContain(
      'USING INDEX events_by_monitor_hour (monitor=? AND <expr><?)',
    );
    // The overview's summaries: the covering index alone, no record read.
    expect(
      plan(
        db,
        'SELECT id, monitor, status, started_at, finished_at, drift_share, drifted_columns, tested_columns FROM runs WHERE monitor = ? ' +
          'ORDER BY started_at DESC, id DESC LIMIT 31',
        'm',
      ),
    ).toContain('USING COVERING INDEX runs_by_monitor (monitor=?)');
    expect(plan(db, 'SELECT 1 FROM idempotency_keys WHERE monitor = ? AND kind = ? AND key = ?', 'm', 'events', 'k')).toContain(
      'PRIMARY KEY',
    );
    expect(plan(db, 'SELECT record FROM alerts WHERE monitor = ? ORDER BY t DESC, seq DESC', 'm')).toContain('alerts_by_monitor');
    store.shutdown();
  });

  it('hands out its capabilities without opening the file (what config validate relies on); the first call opens it', async () => {
    const { path, store } = await fresh();
    const events = store.events();
    const series = store.series();
    expect(typeof events.count).toBe('function');
    expect((events as unknown as { then?: unknown }).then).toBeUndefined(); // awaiting it opens nothing either
    expect(await Promise.resolve(series)).toBe(series);
    expect(existsSync(path)).toBe(false);
    expect(await events.count('m')).toBe(0);
    expect(existsSync(path)).toBe(true);
    store.shutdown();
  });

  it('refuses a store whose schema is newer than it knows, and fails as a provider error on a file that is not SQLite', async () => {
    const { dir, path, store } = await fresh();
    store.start();
    store.database().prepare("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')").run();
    store.shutdown();
    const error = await new SqliteRunStore(path).listRuns().catch((e: unknown) => e);
    expect(isDriftwatchError(error) && error.code).toBe('STATE_CONFLICT');
    expect((error as Error).message).toMatch(/schema is at version 999, newer than this driftwatch knows \(5\)/);

    const junk = join(dir, 'junk.db');
    await writeFile(junk, 'this is not a database, just text long enough to have a header page.'.repeat(20));
    const bad = await new SqliteRunStore(junk).listRuns().catch((e: unknown) => e);
    expect(isDriftwatchError(bad) && bad.code).toBe('PROVIDER_FAILED');
    expect((bad as Error).message).toContain(junk);
  });

  it('writes big batches whole in statements of 100 events: order, duplicates by id, hour bounds of reads and pruning', async () => {
    const { store } = await fresh();
    const events = store.events();
    const hour = 3_600_000;
    const base = Date.UTC(2026, 10, 27);
    const receivedAt = new Date(base + 30 * hour).toISOString();
    // 250 events (two statements of 100, then 50 one by one), times spread over 25 hours out of
    // order; every 10th carries an id, the ids of events 200-249 repeat those of 0-49.
    const at = (i: number) => base + ((i * 7919) % 25) * hour + i * 1000;
    const batch: Omit<StoredEvent, 'label'>[] = Array.from({ length: 250 }, (_, i) => ({
      timestamp: new Date(at(i)).toISOString(),
      receivedAt,
      features: { x: i },
      prediction: i % 2,
      ...(i % 10 === 0 ? { id: `e${i % 200}` } : {}),
    }));
    expect(await events.appendEvents('m', batch)).toEqual({ stored: 245, duplicate: false });
    expect(await events.count('m')).toBe(245);
    const kept = batch.filter((_, i) => !(i >= 200 && i % 10 === 0));
    const byTime = (from: number, to: number) =>
      kept
        .filter((e) => Date.parse(e.timestamp) >= from && Date.parse(e.timestamp) < to)
        .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp))
        .map((e) => (e.features as { x: number }).x);
    const read = async (from: number, to: number) =>
      (await events.read('m', { from: new Date(from).toISOString(), to: new Date(to).toISOString() })).map(
        (e) => (e.features as { x: number }).x,
      );
    // Bounds inside hours, on hour edges, and the whole span.
    for (const [from, to] of [
      [base + 3.5 * hour, base + 7.25 * hour],
      [base + 5 * hour, base + 6 * hour],
      [base, base + 26 * hour],
    ] as const)
      expect(await read(from, to)).toEqual(byTime(from, to));
    const all = await events.read('m', { from: new Date(base).toISOString(), to: new Date(base + 26 * hour).toISOString() });
    expect(all.find((e) => e.id === 'e10')).toEqual({ ...batch[10], receivedAt });
    // Pruning mid-hour keeps the rest of that hour.
    const cut = base + 12.5 * hour;
    expect(await events.prune('m', new Date(cut).toISOString())).toBe(byTime(base, cut).length);
    expect(await read(base, base + 26 * hour)).toEqual(byTime(cut, base + 26 * hour));
    // A bad event late in a big batch leaves none of it.
    const bad = batch.map((e, i) => ({ ...e, id: `b${i}`, ...(i === 230 ? { timestamp: 'soon' } : {}) }));
    await expect(events.appendEvents('m', bad)).rejects.toThrow(/event 230: timestamp "soon" is not ISO-8601/);
    expect(await events.count('m')).toBe(byTime(cut, base + 26 * hour).length);
    store.shutdown();
  });

  it('keeps run summaries in their own columns, and fills them for runs saved before they existed (migration 3)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-sqlite-'));
    const path = join(dir, 'old.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    applyMigrations(db, readMigrations().slice(0, 2));
    const dataset = (share: number, drifted: number, tested: number) => ({
      drift: { dataset: { share, driftedColumns: drifted, testedColumns: tested } },
    });
    const old: RunRecord[] = [
      { ...run('r1', 'm', 1), status: 'drift', result: dataset(0.5, 2, 4) },
      { ...run('r2', 'm', 2), result: dataset(0, 0, 3) },
      { ...run('r3', 'm', 3), status: 'failed', result: null },
      { id: 'r4', monitor: 'm', startedAt: '2026-11-27T10:04:00.000Z', status: 'started', result: null },
      { ...run('r5', 'other', 5), result: { drift: { dataset: { share: 'high', driftedColumns: 1 } } } },
    ];
    const insert = db.prepare('INSERT INTO runs (id, monitor, started_at, status, record) VALUES (?, ?, ?, ?, ?)');
    for (const r of old) insert.run(r.id, r.monitor, r.startedAt, r.status, JSON.stringify(r));
    db.close();
    const store = new SqliteRunStore(path);
    store.start();
    expect(store.appliedMigrations).toEqual([3, 4, 5]);
    expect(await store.listRunSummaries()).toEqual(old.map(summariseRun).reverse());
    expect(await store.listRunSummaries({ monitor: 'm', limit: 2 })).toEqual([summariseRun(old[3]!), summariseRun(old[2]!)]);
    // Written with the record from now on; a NaN share is absent, as it is in the record.
    await store.saveRun({ ...run('r6', 'm', 6), status: 'drift', result: dataset(0.75, 3, 4) });
    await store.saveRun({ ...run('r7', 'm', 7), result: dataset(Number.NaN, 0, 0) });
    const [r7, r6] = await store.listRunSummaries({ monitor: 'm', limit: 2 });
    expect(r6).toEqual({ ...summariseRun((await store.getRun('r6'))!), driftShare: 0.75, driftedColumns: 3, columns: 4 });
    expect(r7).toEqual({
      id: 'r7',
      monitor: 'm',
      status: 'ok',
      startedAt: run('r7', 'm', 7).startedAt,
      finishedAt: run('r7', 'm', 7).finishedAt,
      driftedColumns: 0,
      columns: 0,
    });
    store.shutdown();
  });

  it('rolls a failing migration back whole: no table of it and no version recorded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-sqlite-'));
    const db = new Database(join(dir, 'x.db'));
    const broken = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE a (x INTEGER) STRICT;' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE b (x INTEGER) STRICT; CREATE TABLE a (y TEXT);' },
    ];
    expect(() => applyMigrations(db, broken)).toThrow(/table a already exists/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()).toEqual([]);
    expect(applyMigrations(db, broken.slice(0, 1))).toEqual([1]);
    db.close();
  });
});
