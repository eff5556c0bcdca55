import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteRunStore } from '@driftwatch/store-sqlite';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { main, requireBuiltCli, writeAgeIncome } from './__tests__/builtCli.js';

// End to end: the built command on the default store (SQLite), `store migrate` from a file store,
// and `tokens create|list|revoke`.

const monitors = `monitors:
  - { name: credit, reference: { path: reference.csv }, current: { path: current.csv } }
`;

const driftwatch = (dir: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

const project = (config: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-sqlite-e2e-'));
  writeAgeIncome(dir, 300, 15);
  writeFileSync(join(dir, 'driftwatch.yaml'), config);
  return dir;
};

// Each command is a process of its own (seconds each on a loaded machine).
vi.setConfig({ testTimeout: 240_000 });
beforeAll(() => requireBuiltCli());

describe('the default store (SQLite)', () => {
  it('records runs in .driftwatch/driftwatch.db: history lists them, the series and alerts have their points', async () => {
    const dir = project(`version: 1
${monitors.replace('current.csv } }', 'current.csv }, alerts: [{ name: share, metric: dataset.drift_share, comparison: gt, threshold: 0.1 }] }')}`);
    const first = driftwatch(dir, 'run', '--format', 'json');
    expect(first.status, first.stderr).toBe(0);
    const second = driftwatch(dir, 'run', '--format', 'json');
    expect(second.status, second.stderr).toBe(0);
    const ids = [JSON.parse(first.stdout), JSON.parse(second.stdout)].map((r) => r.runs?.[0]?.runId ?? r.runId);
    expect(existsSync(join(dir, '.driftwatch/driftwatch.db'))).toBe(true);
    expect(existsSync(join(dir, '.driftwatch/runs'))).toBe(false);

    const history = driftwatch(dir, 'history', '--format', 'json');
    expect(history.status, history.stderr).toBe(0);
    const rows = JSON.parse(history.stdout).runs as { id: string; monitor: string; status: string; driftShare: number }[];
    expect(rows.map((r) => r.id)).toEqual([...ids].reverse());
    expect(rows.every((r) => r.monitor === 'credit' && r.status === 'drift' && r.driftShare === 0.5)).toBe(true);

    const store = new SqliteRunStore(join(dir, '.driftwatch/driftwatch.db'));
    const [share] = await store.series().query({ name: 'dataset.drift_share', dimensions: { monitor: 'credit' } });
    expect(share?.points.map((p) => p.value)).toEqual([0.5, 0.5]);
    const age = await store.series().query({ name: 'drift.score', dimensions: { monitor: 'credit', feature: 'age' } });
    expect(age).toHaveLength(1);
    expect(age[0]?.points).toHaveLength(2);
    const alerts = await store.alerts().list({ monitor: 'credit' });
    expect(alerts.map((a) => [a.rule, a.runId])).toEqual([
      ['share', ids[1]],
      ['share', ids[0]],
    ]);
    store.shutdown();
  });
});

describe('the SQLite store under concurrency', () => {
  it('4 driftwatch runs of 4 monitors at once on a new store: each recorded once, no warning, history lists them', async () => {
    const names = ['a', 'b', 'c', 'd'];
    const dir = project(
      `version: 1\nmonitors:\n${names.map((m) => `  - { name: ${m}, reference: { path: reference.csv }, current: { path: current.csv } }\n`).join('')}`,
    );
    const start = (...args: string[]) =>
      new Promise<{ status: number | null; stderr: string }>((done) => {
        const child = spawn(process.execPath, [main, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
        let stderr = '';
        child.stderr.on('data', (d) => {
          stderr += d;
        });
        child.once('close', (status) => done({ status, stderr }));
      });
    const runs = await Promise.all(names.map((m) => start('run', '--monitor', m)));
    for (const r of runs) expect(r).toEqual({ status: 0, stderr: '' });
    const history = driftwatch(dir, 'history', '--format', 'json');
    expect(history.stderr).toBe('');
    expect((JSON.parse(history.stdout).runs as { monitor: string; status: string }[]).map((r) => [r.monitor, r.status]).sort()).toEqual(
      names.map((m) => [m, 'drift']),
    );
  });
});

describe('driftwatch store migrate', () => {
  it('imports a file store once: a second migrate imports nothing; history then shows the runs', () => {
    const dir = project(`version: 1\nstore: { type: files, path: .driftwatch }\n${monitors}`);
    expect(driftwatch(dir, 'run').status).toBe(0);
    expect(driftwatch(dir, 'run').status).toBe(0);
    const fileHistory = JSON.parse(driftwatch(dir, 'history', '--format', 'json').stdout).runs as { id: string }[];
    expect(fileHistory).toHaveLength(2);

    // The files config cannot be migrated into: its store is not sqlite.
    const wrong = driftwatch(dir, 'store', 'migrate');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/imports into a sqlite store or migrates a postgres one; this config.s store is "files"/);

    writeFileSync(join(dir, 'sqlite.yaml'), `version: 1\n${monitors}`);
    const first = driftwatch(dir, 'store', 'migrate', '--config', 'sqlite.yaml');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toBe(
      'imported 2 runs (0 already there), 0 retraining attempts (0), 0 outbox points (0) from .driftwatch into .driftwatch/driftwatch.db\n',
    );
    const again = driftwatch(dir, 'store', 'migrate', '--config', 'sqlite.yaml', '--format', 'json');
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({
      from: '.driftwatch',
      to: '.driftwatch/driftwatch.db',
      runs: { imported: 0, skipped: 2 },
      attempts: { imported: 0, skipped: 0 },
      outboxPoints: { imported: 0, skipped: 0 },
    });
    const history = JSON.parse(driftwatch(dir, 'history', '--config', 'sqlite.yaml', '--format', 'json').stdout).runs as { id: string }[];
    expect(history).toEqual(fileHistory);

    const missing = driftwatch(dir, 'store', 'migrate', '--config', 'sqlite.yaml', '--from', 'nowhere');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nowhere: no file store here/);
  });
});

describe('driftwatch tokens', () => {
  it('creates a token printed once (the store keeps its SHA-256), lists without it, revokes by name', () => {
    const dir = project(`version: 1\n${monitors}`);
    const created = driftwatch(dir, 'tokens', 'create', '--name', 'ci', '--scopes', 'read,ingest');
    expect(created.status, created.stderr).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^dw_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/created token "ci" \(id [0-9a-f-]{36}, scopes read,ingest\); it is shown only now/);
    const db = readFileSync(join(dir, '.driftwatch/driftwatch.db'));
    const wal = existsSync(join(dir, '.driftwatch/driftwatch.db-wal'))
      ? readFileSync(join(dir, '.driftwatch/driftwatch.db-wal'))
      : Buffer.alloc(0);
    const stored = Buffer.concat([db, wal]).toString('latin1');
    expect(stored).toContain(createHash('sha256').update(token).digest('hex'));
    expect(stored).not.toContain(token);

    const json = driftwatch(dir, 'tokens', 'create', '--name', 'ops', '--scopes', 'admin', '--format', 'json');
    expect(json.status, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ name: 'ops', scopes: ['admin'], token: expect.stringMatching(/^dw_/) });

    const clash = driftwatch(dir, 'tokens', 'create', '--name', 'ci', '--scopes', 'read');
    expect(clash.status).toBe(5);
    expect(clash.stderr).toMatch(/a token named "ci" exists/);
    const badScope = driftwatch(dir, 'tokens', 'create', '--name', 'x', '--scopes', 'read,write');
    expect(badScope.status).toBe(2);
    expect(badScope.stderr).toMatch(/unknown scope "write" \(known: read, ingest, admin\)/);

    const table = driftwatch(dir, 'tokens', 'list');
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^ID +NAME +SCOPES +CREATED +LAST USED +REVOKED\n/);
    expect(table.stdout).toMatch(/ ci +read,ingest +\d{4}-/);
    expect(table.stdout).not.toContain(token);

    expect(driftwatch(dir, 'tokens', 'revoke', 'ci').stdout).toBe('revoked token "ci"\n');
    const twice = driftwatch(dir, 'tokens', 'revoke', 'ci');
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/no live token has the id or name "ci"/);
    const listed = JSON.parse(driftwatch(dir, 'tokens', 'list', '--format', 'json').stdout) as Record<string, unknown>[];
    expect(listed.map((t) => [t.name, t.revokedAt === null])).toEqual([
      ['ci', false],
      ['ops', true],
    ]);
    expect(listed.every((t) => !('hash' in t) && !('token' in t))).toBe(true);
  });

  it('says which store to use when the config has a store without tokens', () => {
    const dir = project(`version: 1\nstore: { type: files, path: .driftwatch }\n${monitors}`);
    const r = driftwatch(dir, 'tokens', 'list');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/API tokens need a store that keeps them; this config's store is "files" \(use store: \{ type: sqlite \}/);
  });
});

describe('the events data source', () => {
  it('a monitor reads the events posted in its window; retention deletes older ones after the run', async () => {
    const dir = project(`version: 1
monitors:
  - name: credit
    reference: { path: reference.csv }
    current: { type: events, window: 7d }
    schema: { timestamp: timestamp }
    events: { retention: 10d }
`);
    const now = Date.now();
    const at = (msAgo: number) => new Date(now - msAgo).toISOString();
    const store = new SqliteRunStore(join(dir, '.driftwatch/driftwatch.db'));
    // 300 events of the last 3 days with ages shifted by 15 (as current.csv), and 5 from 20 days ago.
    const events = Array.from({ length: 300 }, (_, i) => ({
      timestamp: at(3 * 86_400_000 - i * 1000),
      receivedAt: at(0),
      features: { age: 35 + (i % 40), income: 30_000 + ((i * 137) % 20_000) },
    }));
    for (let i = 0; i < 5; i++) events.push({ timestamp: at(20 * 86_400_000), receivedAt: at(0), features: { age: 1, income: 1 } });
    expect(await store.events().appendEvents('credit', events)).toEqual({ stored: 305, duplicate: false });
    store.shutdown();

    const r = driftwatch(dir, 'run', '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.drift.current).toMatchObject({ source: 'events:credit', rows: 300 });
    expect(result.drift.columns.map((c: { column: string; drifted: boolean }) => [c.column, c.drifted])).toEqual([
      ['age', true],
      ['income', false],
    ]);
    const after = new SqliteRunStore(join(dir, '.driftwatch/driftwatch.db'));
    expect(await after.events().count('credit')).toBe(300);
    after.shutdown();
  });
});
