import { statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteRunStore as SourceStore } from './SqliteRunStore.js';

// The worker is a compiled module: the built package's store runs it (pnpm test builds first).
const { SqliteRunStore: BuiltStore } = (await import('../dist/SqliteRunStore.js')) as unknown as { SqliteRunStore: typeof SourceStore };

const waitFor = async (check: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return check();
};

describe('SqliteRunStore.startBackgroundCheckpoints', () => {
  it('checkpoints the WAL on a worker thread while this connection never does on commit', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'dw-ckpt-')), 'driftwatch.db');
    const store = new BuiltStore(path);
    expect(store.startBackgroundCheckpoints(100)).toBe(true);
    const db = store.database();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(path).size;
    // ~6 MB of runs: more WAL than SQLite's own checkpoint mark (~4 MB).
    const result = { text: 'x'.repeat(6_000) };
    for (let i = 0; i < 1_000; i++)
      await store.saveRun({ id: `r${i}`, monitor: 'm', startedAt: new Date(i * 1000).toISOString(), status: 'ok', result });
    // Only a checkpoint moves pages from the WAL into the database file; this connection makes none.
    expect(await waitFor(() => statSync(path).size > before + 5_000_000, 5_000)).toBe(true);
    store.shutdown();
    const reopened = new BuiltStore(path);
    expect(await reopened.listRuns({ monitor: 'm', limit: 2000 })).toHaveLength(1_000);
    reopened.shutdown();
  });

  it('keeps checkpoints on commit where the worker module is not there (TypeScript source)', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'dw-ckpt-')), 'driftwatch.db');
    const store = new SourceStore(path);
    expect(store.startBackgroundCheckpoints()).toBe(false);
    expect(store.database().pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    store.shutdown();
  });
});
