import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresRunStore } from '@driftwatch/store-postgres';
import { dropSchema, postgresForTests, testDatabaseUrl, testSchema } from '@driftwatch/store-postgres/testing';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main, requireBuiltCli, writeAgeIncome } from './__tests__/builtCli.js';

// End to end: the built command on `store: { type: postgres, url: ${DATABASE_URL} }`, each test in
// a schema of its own on the machine's PostgreSQL (dropped after).

const available = await postgresForTests();

const schemas: string[] = [];
afterEach(async () => {
  for (const schema of schemas.splice(0)) await dropSchema(schema);
});

const driftwatch = (dir: string, env: Record<string, string>, ...args: string[]) => {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** A project folder with the age/income data and `driftwatch.yaml` on PostgreSQL in a fresh schema. */
const project = (monitor = '{ name: credit, reference: { path: reference.csv }, current: { path: current.csv } }') => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-postgres-e2e-'));
  writeAgeIncome(dir, 300, 15);
  const schema = testSchema();
  schemas.push(schema);
  writeFileSync(
    join(dir, 'driftwatch.yaml'),
    `version: 1\nstore: { type: postgres, url: "\${DATABASE_URL}", schema: ${schema}, poolSize: 2 }\nmonitors:\n  - ${monitor}\n`,
  );
  return { dir, schema, env: { DATABASE_URL: testDatabaseUrl } };
};

vi.setConfig({ testTimeout: 240_000 });
beforeAll(() => requireBuiltCli());

describe.skipIf(!available)('the PostgreSQL store from the command line', () => {
  it('store migrate creates and migrates the schema once, runs are recorded there, a file store is imported once', () => {
    const { dir, schema, env } = project();
    const first = driftwatch(dir, env, 'store', 'migrate', '--format', 'json');
    expect(first.status, first.stderr).toBe(0);
    // The URL as the CLI prints it: its userinfo hidden (the output guard treats it as a credential).
    const shown = JSON.parse(first.stdout).to as string;
    expect(shown).toMatch(/^[^\s]*\*\*\*@127\.0\.0\.1:5432\/test$/);
    expect(JSON.parse(first.stdout)).toEqual({
      to: shown,
      schema,
      migrations: { applied: [1], version: 1 },
    });
    const again = driftwatch(dir, env, 'store', 'migrate');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toBe(`${shown} schema ${schema}: no migration to apply (schema version 1)\n`);

    // Two runs into a file store, then imported into PostgreSQL (twice: the second imports nothing).
    writeFileSync(
      join(dir, 'files.yaml'),
      'version: 1\nstore: { type: files, path: old }\nmonitors:\n  - { name: credit, reference: { path: reference.csv }, current: { path: current.csv } }\n',
    );
    expect(driftwatch(dir, env, 'run', '--config', 'files.yaml').status).toBe(0);
    expect(driftwatch(dir, env, 'run', '--config', 'files.yaml').status).toBe(0);
    const imported = driftwatch(dir, env, 'store', 'migrate', '--from', 'old');
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout.split('\n')[1]).toBe(
      `imported 2 runs (0 already there), 0 retraining attempts (0), 0 outbox points (0) from old into ${shown} schema ${schema}`,
    );
    const twice = driftwatch(dir, env, 'store', 'migrate', '--from', 'old', '--format', 'json');
    expect(JSON.parse(twice.stdout).import.runs).toEqual({ imported: 0, skipped: 2 });
    const missing = driftwatch(dir, env, 'store', 'migrate', '--from', 'nowhere');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nowhere: no file store here/);

    // A run of this config is recorded in PostgreSQL beside the imported ones.
    const run = driftwatch(dir, env, 'run', '--format', 'json');
    expect(run.status, run.stderr).toBe(0);
    const history = JSON.parse(driftwatch(dir, env, 'history', '--format', 'json').stdout).runs as { id: string; status: string }[];
    expect(history).toHaveLength(3);
    expect(history[0]?.id).toBe(JSON.parse(run.stdout).runId);
  });

  it('a monitor reads the events posted to PostgreSQL with current: { type: events }', async () => {
    const { dir, schema, env } = project(
      '{ name: credit, reference: { path: reference.csv }, current: { type: events, window: 1d }, schema: { id: id, timestamp: timestamp } }',
    );
    const store = new PostgresRunStore({ url: testDatabaseUrl, schema });
    try {
      const now = Date.now();
      const events = Array.from({ length: 300 }, (_, i) => ({
        id: `e${i}`,
        timestamp: new Date(now - 3_600_000 + i * 1000).toISOString(),
        receivedAt: new Date(now).toISOString(),
        features: { age: 35 + (i % 40), income: 30_000 + ((i * 137) % 20_000) },
      }));
      expect(await store.events().appendEvents('credit', events, 'batch-1')).toEqual({ stored: 300, duplicate: false });
    } finally {
      await store.shutdown();
    }
    const run = driftwatch(dir, env, 'run', '--format', 'json');
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.status).toBe('drift');
    // The 300 events were the current side; their ages are shifted by 15, their incomes are the reference's.
    expect(result.drift.current).toEqual({ source: 'events:credit', rows: 300 });
    expect(result.drift.dataset).toMatchObject({ driftedColumns: 1, testedColumns: 2 });
  });

  it('a URL that is not postgres://… is a config error naming store.url (exit 2)', () => {
    const { dir } = project();
    const r = driftwatch(dir, { DATABASE_URL: 'mysql://root@db/x' }, 'config', 'validate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/store\.url: must be a postgres:\/\/ \(or postgresql:\/\/\) connection URL with a host/);
  });

  it('config validate connects to nothing: no schema is made, and PostgreSQL down is no error', async () => {
    const { dir, schema, env } = project();
    const valid = driftwatch(dir, env, 'config', 'validate');
    expect(valid.stderr).toBe('');
    expect(valid.status).toBe(0);
    expect(valid.stdout).toMatch(/^ok: driftwatch\.yaml: 1 monitor \(credit\)/);
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema]);
      expect(found.rowCount).toBe(0);
    } finally {
      await client.end();
    }
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const down = driftwatch(dir, { DATABASE_URL: `postgres://driftwatch@127.0.0.1:${port}/prod` }, 'config', 'validate');
    expect(down.stderr).toBe('');
    expect(down.status).toBe(0);
  });

  it('PostgreSQL down: a provider error naming the URL without its password (exit 4)', async () => {
    const { dir } = project();
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const r = driftwatch(dir, { DATABASE_URL: `postgres://driftwatch:s3cret-pw@127.0.0.1:${port}/prod` }, 'run');
    expect(r.status).toBe(4);
    const last = r.stderr.trim().split('\n').at(-1) ?? '';
    expect(last).toMatch(
      new RegExp(
        `^driftwatch: error: postgres start: cannot use postgres://\\S*\\*\\*\\*@127\\.0\\.0\\.1:${port}/prod \\(schema dw_test_\\w+\\): connection refused \\(is PostgreSQL running and listening there\\?\\)`,
      ),
    );
    expect(r.stderr).not.toContain('s3cret-pw');
  });
});
