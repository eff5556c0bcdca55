import { createServer } from 'node:net';
import { isDriftwatchError, ProviderError, Redactor, type RunRecord, StateError, type StoredEvent } from '@driftwatch/core';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PostgresRunStore, type PostgresRunStoreOptions } from './PostgresRunStore.js';
import { postgresPlugin } from './postgresPlugin.js';
import { readMigrations } from './readMigrations.js';
import { dropSchema, postgresForTests, testDatabaseUrl, testSchema } from './testing/index.js';

const available = await postgresForTests();

const schemas: string[] = [];
const stores: PostgresRunStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.shutdown();
  for (const schema of schemas.splice(0)) await dropSchema(schema);
});

/** A schema of this test's own (dropped after it). */
const freshSchema = () => {
  const schema = testSchema();
  schemas.push(schema);
  return schema;
};

/** A store with its own pool (as a separate process would have), shut down after the test. */
const open = (schema: string, options: Partial<PostgresRunStoreOptions> = {}) => {
  const store = new PostgresRunStore({ url: testDatabaseUrl, schema, poolSize: 4, ...options });
  stores.push(store);
  return store;
};

const event = (id: string | undefined, timestamp: string, x: number): Omit<StoredEvent, 'label'> => ({
  ...(id === undefined ? {} : { id }),
  timestamp,
  receivedAt: '2026-03-05T00:00:00.000Z',
  features: { x },
});

/** A TCP port nothing listens on: bound, then released. */
async function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(!available)('PostgresRunStore on the machine PostgreSQL', () => {
  it('4 stores opening one fresh schema at once apply the migrations once, without error', async () => {
    const schema = freshSchema();
    const four = [open(schema), open(schema), open(schema), open(schema)];
    await Promise.all(four.map((s) => s.start()));
    const versions = readMigrations().map((m) => m.version);
    // Exactly one of them applied every migration; the others found them recorded.
    expect(four.map((s) => s.appliedMigrations.length).sort()).toEqual([0, 0, 0, versions.length]);
    const rows = await four[0]!.sql.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(versions);
    expect(await four[3]!.schemaVersion()).toBe(versions.length);
    // A later open applies nothing either.
    const again = open(schema);
    await again.start();
    expect(again.appliedMigrations).toEqual([]);
  });

  it('refuses a schema newer than it knows', async () => {
    const schema = freshSchema();
    const first = open(schema);
    await first.start();
    await first.sql.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'now')");
    const error = await open(schema)
      .start()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateError);
    expect((error as Error).message).toMatch(/schema is at version 999, newer than this driftwatch knows/);
  });

  it('creates one partition per day on demand, once, when 4 processes ingest events of new days at once', async () => {
    const schema = freshSchema();
    const four = [open(schema), open(schema), open(schema), open(schema)];
    await Promise.all(four.map((s) => s.start()));
    const days = ['2026-03-01', '2026-03-02', '2026-03-03'];
    // Every store posts 5 batches spanning the three days, all at once.
    const results = await Promise.all(
      four.flatMap((store, s) =>
        Array.from({ length: 5 }, (_, b) =>
          store.events().appendEvents(
            'credit',
            days.map((d, i) => event(undefined, `${d}T${String(s * 5 + b).padStart(2, '0')}:00:00.000Z`, i)),
          ),
        ),
      ),
    );
    expect(results.every((r) => r.stored === 3 && !r.duplicate)).toBe(true);
    const partitions = await four[0]!.events().partitions();
    expect(partitions.map((p) => p.name)).toEqual(['events_20260301', 'events_20260302', 'events_20260303']);
    expect(partitions[0]).toEqual({ name: 'events_20260301', fromMs: Date.parse('2026-03-01'), toMs: Date.parse('2026-03-02') });
    expect(await four[1]!.events().count('credit')).toBe(60);
    // Rows are in the partition of their day (not in a catch-all).
    const [perDay] = await four[0]!.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM events_20260302');
    expect(perDay?.n).toBe(20);
  });

  it('two concurrent posts of one idempotency key store the batch once; the other is told duplicate', async () => {
    const schema = freshSchema();
    const a = open(schema);
    const b = open(schema);
    await Promise.all([a.start(), b.start()]);
    const batch = Array.from({ length: 200 }, (_, i) => event(`e${i}`, `2026-03-01T10:${String(i % 60).padStart(2, '0')}:00.000Z`, i));
    for (let round = 0; round < 5; round++) {
      const key = `key-${round}`;
      const monitor = `m${round}`;
      const results = await Promise.all([a.events().appendEvents(monitor, batch, key), b.events().appendEvents(monitor, batch, key)]);
      expect(results.map((r) => r.duplicate).sort()).toEqual([false, true]);
      expect(results.map((r) => r.stored).sort((x, y) => x - y)).toEqual([0, 200]);
      expect(await a.events().count(monitor)).toBe(200);
    }
    // Without a key, two concurrent batches of the same ids store each id once.
    const both = await Promise.all([a.events().appendEvents('ids', batch), b.events().appendEvents('ids', batch)]);
    expect(both[0]!.stored + both[1]!.stored).toBe(200);
    expect(await b.events().count('ids')).toBe(200);
  });

  it('a lock holds across two pools (two processes): one owner at a time, renewable, taken over only after expiry', async () => {
    const schema = freshSchema();
    let now = Date.parse('2026-03-01T10:00:00.000Z');
    const a = open(schema, { now: () => now });
    const b = open(schema, { now: () => now });
    expect(await a.acquireLock('monitor:credit', 'owner-a', 60_000)).toBe(true);
    expect(await b.acquireLock('monitor:credit', 'owner-b', 60_000)).toBe(false);
    // Renewed by its owner from the other pool, as a second process of the same owner would.
    now += 50_000;
    expect(await b.acquireLock('monitor:credit', 'owner-a', 60_000)).toBe(true);
    now += 50_000;
    expect(await b.acquireLock('monitor:credit', 'owner-b', 60_000)).toBe(false);
    now += 10_001;
    expect(await b.acquireLock('monitor:credit', 'owner-b', 60_000)).toBe(true);
    expect(await a.acquireLock('monitor:credit', 'owner-a', 60_000)).toBe(false);
    // Many owners racing for a free lock: exactly one wins.
    const wins = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? a : b).acquireLock('retrain:model', `racer-${i}`, 60_000)),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
    await a.releaseLock('monitor:credit', 'owner-a');
    expect(await a.acquireLock('monitor:credit', 'owner-a', 60_000)).toBe(false);
    await a.releaseLock('monitor:credit', 'owner-b');
    expect(await a.acquireLock('monitor:credit', 'owner-a', 60_000)).toBe(true);
  });

  it('drops whole event partitions older than a cutoff, with their ids, labels and old batch keys; prune deletes one monitor', async () => {
    const schema = freshSchema();
    let now = Date.parse('2026-03-01T12:00:00.000Z');
    const store = open(schema, { now: () => now });
    const events = store.events();
    await events.appendEvents('credit', [event('c1', '2026-03-01T10:00:00.000Z', 1), event('c2', '2026-03-02T10:00:00.000Z', 2)], 'k1');
    await events.appendEvents('churn', [event('h1', '2026-03-01T11:00:00.000Z', 1), event('h3', '2026-03-03T10:00:00.000Z', 3)]);
    await events.appendLabels('credit', [{ id: 'c1', label: 1 }]);
    await events.appendEvents('churn', [event(undefined, '2026-03-02T11:00:00.000Z', 2)], 'k2');
    now = Date.parse('2026-03-02T12:30:00.000Z');
    // The 2nd ends at 03-03 00:00, after the cutoff: kept whole.
    expect(await events.dropPartitionsBefore('2026-03-02T12:00:00.000Z')).toBe(1);
    expect((await events.partitions()).map((p) => p.name)).toEqual(['events_20260302', 'events_20260303']);
    expect(await events.count('credit')).toBe(1);
    expect(await events.count('churn')).toBe(2);
    expect(await events.dropPartitionsBefore('2026-03-02T12:00:00.000Z')).toBe(0);
    // The dropped ids may come again (their label does not), and their day's partition is made again.
    expect(await events.appendEvents('credit', [event('c1', '2026-03-01T10:00:00.000Z', 9)])).toEqual({ stored: 1, duplicate: false });
    const read = await events.read('credit', { from: '2026-03-01T00:00:00.000Z', to: '2026-03-04T00:00:00.000Z' });
    expect(read.map((e) => [e.id, e.features.x, e.label])).toEqual([
      ['c1', 9, undefined],
      ['c2', 2, undefined],
    ]);
    // Batch keys received before the cutoff went too (k1 was received on the 1st at 12:00 by the store's clock).
    expect(await events.appendEvents('credit', [event('c5', '2026-03-02T11:00:00.000Z', 5)], 'k1')).toEqual({
      stored: 1,
      duplicate: false,
    });
    expect(await events.appendEvents('credit', [event('c6', '2026-03-02T11:30:00.000Z', 6)], 'k1')).toEqual({ stored: 0, duplicate: true });
    // Per-monitor prune deletes rows in the partitions that remain.
    expect(await events.prune('churn', '2026-03-04T00:00:00.000Z')).toBe(2);
    expect(await events.count('churn')).toBe(0);
    expect(await events.count('credit')).toBe(3);
  });

  it('an insert into a day whose partition another process dropped recreates the partition', async () => {
    const schema = freshSchema();
    const a = open(schema);
    const b = open(schema);
    await a.events().appendEvents('credit', [event('e1', '2026-03-01T10:00:00.000Z', 1)]);
    expect(await b.events().dropPartitionsBefore('2026-03-02T00:00:00.000Z')).toBe(1);
    // a still believes the 1st has its partition.
    expect(await a.events().appendEvents('credit', [event('e2', '2026-03-01T11:00:00.000Z', 2)])).toEqual({ stored: 1, duplicate: false });
    expect(await b.events().count('credit')).toBe(1);
  });

  it('downsamples in SQL exactly as core does, NaN included', async () => {
    const store = open(freshSchema());
    const series = store.series();
    const values = [4, Number.NaN, 6, 1, 1, 7, 3, 5, 8, 0];
    await series.append(
      values.map((value, i) => ({
        name: 'score',
        value,
        unit: 'None' as const,
        timestamp: `2026-03-01T10:0${i}:00.000Z`,
        dimensions: { monitor: 'credit' },
        runId: `run-${i}`,
      })),
    );
    const [down] = await series.query({ name: 'score', maxPoints: 3 });
    expect(down?.points.map((p) => [p.timestamp, p.value, p.min, p.max, p.count])).toEqual([
      ['2026-03-01T10:00:00.000Z', Number.NaN, 4, 6, 3],
      ['2026-03-01T10:03:00.000Z', 3, 1, 7, 3],
      ['2026-03-01T10:06:00.000Z', 4, 0, 8, 4],
    ]);
    const [raw] = await series.query({ name: 'score' });
    expect(raw?.points.map((p) => p.value)).toEqual(values);
  });

  it('redacts runs before they are written, with the redaction option the plugin passes', async () => {
    const redactor = new Redactor(['sk-live-123456']);
    const store = open(freshSchema(), { redact: (r) => redactor.strings(r) });
    const run: RunRecord = {
      id: 'run-1',
      monitor: 'credit',
      startedAt: '2026-03-01T10:00:00.000Z',
      status: 'failed',
      result: { error: 'token sk-live-123456 refused', statistic: Number.POSITIVE_INFINITY },
    };
    await store.saveRun(run);
    const [row] = await store.sql.query<{ record: string }>('SELECT record FROM runs');
    expect(row?.record).not.toContain('sk-live-123456');
    expect((await store.getRun('run-1'))?.result).toEqual({ error: 'token *** refused', statistic: 'Infinity' });
  });

  it('an endpoint that is down is a provider error of postgres naming the operation and the URL, password hidden', async () => {
    const port = await unusedPort();
    const store = open('driftwatch', { url: `postgres://postgres:hunter2@127.0.0.1:${port}/test`, connectTimeoutMs: 2000 });
    const error = await store.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    const message = (error as Error).message;
    expect(message).toContain(`postgres start: cannot use postgres://postgres:***@127.0.0.1:${port}/test (schema driftwatch)`);
    expect(message).toContain('connection refused (is PostgreSQL running and listening there?)');
    expect(message).not.toContain('hunter2');
    // Every later call fails the same way (and does not hang), naming its own operation.
    const later = await store.listRuns().catch((e: unknown) => e);
    expect(isDriftwatchError(later) && (later as Error).message).toMatch(/^postgres listRuns: cannot use .*connection refused/);
  });

  it('an unknown database is a provider error that says so', async () => {
    const url = new URL(testDatabaseUrl);
    url.pathname = '/driftwatch_no_such_database';
    const error = await open('driftwatch', { url: url.toString() })
      .start()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toMatch(/unknown database \(create it, or fix the database of store\.url\)/);
  });

  it('the plugin checks its options: a URL that is not postgres://…, a bad schema name, an unknown option', () => {
    const options = postgresPlugin.providers[0]!.options;
    const issues = (raw: unknown) => {
      const parsed = options.safeParse(raw);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ url: 'mysql://db/x' })).toEqual([
      'url: must be a postgres:// (or postgresql://) connection URL with a host, e.g. postgres://HOST:5432/DATABASE',
    ]);
    expect(issues({ url: '' })[0]).toMatch(/^url: a connection URL is required/);
    expect(issues({ url: testDatabaseUrl, schema: 'Drop Table' })[0]).toMatch(/^schema: lower-case letters/);
    expect(issues({ url: testDatabaseUrl, pool: 3 })).toHaveLength(1);
    expect(options.parse({ url: testDatabaseUrl })).toEqual({
      url: testDatabaseUrl,
      schema: 'driftwatch',
      poolSize: 10,
      connectTimeout: 10_000,
    });
  });

  it('keeps every table in its schema: nothing is created in public', async () => {
    const schema = freshSchema();
    await open(schema).start();
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND tablename IN ('runs', 'events', 'locks', 'schema_migrations')",
        [schema],
      );
      expect(rows[0]?.n).toBe(4);
    } finally {
      await client.end();
    }
  });
});
