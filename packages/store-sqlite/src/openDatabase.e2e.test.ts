import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readMigrations } from './readMigrations.js';

// The built package, as `driftwatch` and `driftwatch serve` load it in their own processes.
const built = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** A process that waits until `startAt` (epoch ms), opens the store and prints the versions it applied. */
const child = (path: string, startAt: number) => {
  const script = `
      const { openDatabase } = await import(${JSON.stringify(built)});
      while (Date.now() < ${startAt}) {}
      const { db, applied } = openDatabase(${JSON.stringify(path)});
      db.prepare('INSERT INTO runs (id, monitor, started_at, status, record) VALUES (?, ?, ?, ?, ?)')
        .run('run-' + process.pid, 'credit', new Date().toISOString(), 'ok', '{}');
      db.close();
      process.stdout.write(JSON.stringify(applied));`;
  return run(script);
};

/**
 * A process that opens an existing database and, at `startAt`, applies one slow migration (a
 * 300 000-row table): the two processes' migrations overlap for certain.
 */
const slowChild = (path: string, startAt: number) => {
  const script = `
    const { applyMigrations } = await import(${JSON.stringify(built)});
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(${JSON.stringify(path)}, { timeout: 20000 });
    const slow = [{ version: 1, name: 'slow', sql:
      'CREATE TABLE big AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 300000) SELECT x FROM c' }];
    while (Date.now() < ${startAt}) {}
    const applied = applyMigrations(db, slow);
    db.close();
    process.stdout.write(JSON.stringify(applied));`;
  return run(script);
};

const run = (script: string) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const proc = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d) => {
      out += d;
    });
    proc.stderr.on('data', (d) => {
      err += d;
    });
    proc.on('close', (code) => resolve({ code, out, err }));
  });

/** A process that saves `runs` runs of monitor `name` through SqliteRunStore, listing after each, and takes a shared lock. */
const writer = (path: string, name: string, runs: number) =>
  run(`
    const { SqliteRunStore } = await import(${JSON.stringify(built)});
    const store = new SqliteRunStore(${JSON.stringify(path)}, { busyTimeoutMs: 30000 });
    let locks = 0;
    for (let i = 0; i < ${runs}; i++) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
      await store.saveRun({ id: '${name}-' + i, monitor: '${name}', startedAt: at, finishedAt: at, status: 'ok', result: { i } });
      await store.listRuns({ monitor: '${name}' });
      if (await store.acquireLock('shared', '${name}', 60000)) { locks++; await store.releaseLock('shared', '${name}'); }
    }
    store.shutdown();
    process.stdout.write(JSON.stringify(locks));`);

describe('openDatabase across processes', () => {
  it('8 processes x 25 runs on one new file: every run kept, no error, every lock released', async () => {
    expect(existsSync(built), `${built} is missing: run pnpm build first`).toBe(true);
    const path = join(await mkdtemp(join(tmpdir(), 'dw-sqlite-conc-')), 'driftwatch.db');
    const results = await Promise.all(Array.from({ length: 8 }, (_, p) => writer(path, `m${p}`, 25)));
    for (const r of results) expect(r, r.err).toMatchObject({ code: 0, err: '' });
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(200);
    expect(db.prepare('SELECT monitor, count(*) AS n FROM runs GROUP BY monitor ORDER BY monitor').all()).toEqual(
      Array.from({ length: 8 }, (_, p) => ({ monitor: `m${p}`, n: 25 })),
    );
    expect(db.prepare('SELECT count(*) FROM locks').pluck().get()).toBe(0);
    db.close();
  });

  it('migrates once when two processes open a new store at the same moment (BEGIN IMMEDIATE + schema_migrations)', async () => {
    expect(existsSync(built), `${built} is missing: run pnpm build first`).toBe(true);
    const versions = readMigrations().map((m) => m.version);
    // Several rounds, each on a new file, so the two opens really overlap in some of them.
    for (let round = 0; round < 4; round++) {
      const path = join(await mkdtemp(join(tmpdir(), 'dw-sqlite-race-')), 'store', 'driftwatch.db');
      const startAt = Date.now() + 400;
      const results = await Promise.all([child(path, startAt), child(path, startAt)]);
      for (const r of results) expect(r, r.err).toMatchObject({ code: 0, err: '' });
      const applied = results.map((r) => JSON.parse(r.out) as number[]);
      // Exactly one of them applied the migrations; the other found them recorded.
      expect(applied.flat().sort()).toEqual(versions);
      const db = new Database(path, { readonly: true });
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(versions);
      expect(db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(2);
      db.close();
    }
  });

  it('serialises two migrations that overlap for certain: the second waits for the first, then applies nothing', async () => {
    expect(existsSync(built), `${built} is missing: run pnpm build first`).toBe(true);
    const path = join(await mkdtemp(join(tmpdir(), 'dw-sqlite-race-')), 'slow.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
    db.close();
    const startAt = Date.now() + 600;
    const results = await Promise.all([slowChild(path, startAt), slowChild(path, startAt)]);
    for (const r of results) expect(r, r.err).toMatchObject({ code: 0, err: '' });
    expect(results.flatMap((r) => JSON.parse(r.out) as number[])).toEqual([1]);
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT count(*) FROM big').pluck().get()).toBe(300_000);
    check.close();
  });
});
