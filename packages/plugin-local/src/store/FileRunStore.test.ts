import { mkdir, mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunRecord, StateError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { FileRunStore } from './FileRunStore.js';

const run = (id: string, monitor: string, minute: number, extra: Partial<RunRecord> = {}): RunRecord => ({
  id,
  monitor,
  startedAt: `2026-11-27T10:${String(minute).padStart(2, '0')}:00.000Z`,
  finishedAt: `2026-11-27T10:${String(minute).padStart(2, '0')}:30.000Z`,
  status: 'ok',
  result: { share: minute / 100, statistic: Number.POSITIVE_INFINITY },
  ...extra,
});

const fresh = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dw-store-'));
  const warnings: string[] = [];
  return { dir, warnings, store: new FileRunStore(dir, { warn: (m) => warnings.push(m) }) };
};

describe('FileRunStore', () => {
  it('saves runs as files and lists them newest first, by monitor, with a limit, across instances', async () => {
    const { dir, store, warnings } = await fresh();
    await store.saveRun(run('r1', 'credit', 1));
    await store.saveRun(run('r2', 'churn', 2));
    await store.saveRun(run('r3', 'credit', 3, { status: 'drift', failedSinks: [{ type: 'jsonl', reason: 'EACCES' }] }));
    // A new instance (a new process) sees the same history.
    const again = new FileRunStore(dir);
    expect((await again.listRuns()).map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
    expect((await again.listRuns({ monitor: 'credit' })).map((r) => r.id)).toEqual(['r3', 'r1']);
    expect((await again.listRuns({ monitor: 'credit', limit: 1 })).map((r) => r.id)).toEqual(['r3']);
    expect(await again.getRun('r3')).toEqual({
      ...run('r3', 'credit', 3, { status: 'drift', failedSinks: [{ type: 'jsonl', reason: 'EACCES' }] }),
      result: { share: 0.03, statistic: 'Infinity' },
    });
    expect(await again.getRun('nope')).toBeUndefined();
    expect(await again.getRun('../index')).toBeUndefined();
    expect((await readdir(join(dir, 'runs'))).sort()).toEqual(['r1.json', 'r2.json', 'r3.json']);
    expect(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')).runs.map((e: { id: string }) => e.id)).toEqual(['r3', 'r2', 'r1']);
    expect(warnings).toEqual([]);
  });

  it('lists nothing for a store never written to', async () => {
    const { store } = await fresh();
    expect(await store.listRuns()).toEqual([]);
  });

  it('survives a crash mid-write: ignores fresh temp files, removes old ones, sets aside corrupt runs, indexes unindexed runs', async () => {
    const { dir, store, warnings } = await fresh();
    await store.saveRun(run('r1', 'credit', 1));
    await store.saveRun(run('r2', 'credit', 2));
    const runs = join(dir, 'runs');
    // A crash during the write of r3's file: its temp file is left, the target never appeared.
    await writeFile(join(runs, 'r3.json.4242.deadbeef.tmp'), '{"id":"r3","monitor":"cre');
    // A crash (or a bad copy) that left a truncated run file.
    await writeFile(join(runs, 'r4.json'), '{"id":"r4","monitor":"credit","startedAt":"2026-11-27T10:04');
    // A crash between the run file and the index update.
    await writeFile(join(runs, 'r5.json'), JSON.stringify(run('r5', 'credit', 5)));

    const listed = await store.listRuns();
    expect(listed.map((r) => r.id)).toEqual(['r5', 'r2', 'r1']);
    expect(warnings).toEqual([
      expect.stringMatching(/set aside .*r4\.json as r4\.json\.corrupt: not a valid run record/),
      'added run r5 to the index (it was written but not indexed, as after a crash)',
    ]);
    // The fresh temp file may belong to a write in progress: left alone.
    expect((await readdir(runs)).sort()).toEqual(['r1.json', 'r2.json', 'r3.json.4242.deadbeef.tmp', 'r4.json.corrupt', 'r5.json']);
    // The repair was written: a second listing warns no more.
    warnings.length = 0;
    expect((await new FileRunStore(dir, { warn: (m) => warnings.push(m) }).listRuns()).map((r) => r.id)).toEqual(['r5', 'r2', 'r1']);
    expect(warnings).toEqual([]);
    // An old temp file is a left-over of a crash: removed.
    const old = new Date(Date.now() - 3_600_000);
    await utimes(join(runs, 'r3.json.4242.deadbeef.tmp'), old, old);
    await store.listRuns();
    expect(warnings).toEqual([expect.stringMatching(/removed .*r3\.json\.4242\.deadbeef\.tmp, left over by an interrupted write/)]);
    expect(await readdir(runs)).not.toContain('r3.json.4242.deadbeef.tmp');
  });

  it('rebuilds a lost or damaged index from the run files, and drops entries whose file is gone', async () => {
    const { dir, store, warnings } = await fresh();
    await store.saveRun(run('r1', 'credit', 1));
    await store.saveRun(run('r2', 'credit', 2));
    await writeFile(join(dir, 'index.json'), '{"version":1,"runs":[{"id":"r1"'); // truncated index
    expect((await store.listRuns()).map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(warnings).toEqual([
      expect.stringMatching(/^rebuilding .*index\.json: /),
      expect.stringMatching(/rebuilt the index .* from 2 run files/),
    ]);
    warnings.length = 0;
    await writeFile(
      join(dir, 'index.json'),
      JSON.stringify({
        version: 1,
        runs: [
          ...JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')).runs,
          { id: 'ghost', monitor: 'x', startedAt: 'z', finishedAt: 'z', status: 'ok' },
        ],
      }),
    );
    expect((await store.listRuns()).map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(warnings).toEqual(['dropped run ghost from the index: its file is gone']);
  });

  it('reports a run file that turned corrupt after indexing as a state error naming it', async () => {
    const { dir, store } = await fresh();
    await store.saveRun(run('r1', 'credit', 1));
    await writeFile(join(dir, 'runs', 'r1.json'), '{"id":');
    const error = await store.getRun('r1').catch((e) => e);
    expect(error).toBeInstanceOf(StateError);
    expect(error.message).toMatch(/r1\.json: not a valid run record/);
  });

  it('refuses run ids that are not file names', async () => {
    const { store } = await fresh();
    await expect(store.saveRun(run('../../etc/x', 'm', 1))).rejects.toThrow(/cannot name a file/);
  });

  it('gives a lock to one of two stores racing for it, and to the other after release', async () => {
    const { dir } = await fresh();
    const a = new FileRunStore(dir);
    const b = new FileRunStore(dir);
    for (let round = 0; round < 10; round++) {
      const got = await Promise.all([a.acquireLock('monitor-credit', 'A', 60_000), b.acquireLock('monitor-credit', 'B', 60_000)]);
      expect(got.filter(Boolean)).toHaveLength(1);
      const [winner, loser] = got[0] ? [a, b] : [b, a];
      const [winnerName, loserName] = got[0] ? ['A', 'B'] : ['B', 'A'];
      // The holder may take its own lock again (renewal); the other may not, and cannot release it.
      expect(await winner.acquireLock('monitor-credit', winnerName, 60_000)).toBe(true);
      await loser.releaseLock('monitor-credit', loserName);
      expect(await loser.acquireLock('monitor-credit', loserName, 60_000)).toBe(false);
      await winner.releaseLock('monitor-credit', winnerName);
    }
    expect(await a.acquireLock('other', 'A', 60_000)).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'locks', 'other.lock'), 'utf8'))).toMatchObject({ owner: 'A', pid: process.pid });
  });

  it('lets another owner take over an expired lock, with a warning, and not a live one', async () => {
    const { dir } = await fresh();
    let now = 1_000_000;
    const warnings: string[] = [];
    const a = new FileRunStore(dir, { now: () => now });
    const b = new FileRunStore(dir, { now: () => now, warn: (m) => warnings.push(m) });
    expect(await a.acquireLock('m', 'A', 5_000)).toBe(true);
    now += 4_999;
    expect(await b.acquireLock('m', 'B', 5_000)).toBe(false);
    now += 2;
    expect(await b.acquireLock('m', 'B', 5_000)).toBe(true);
    expect(warnings).toEqual(['took over the expired lock "m" of A']);
    // A's late release leaves B's lock alone.
    await a.releaseLock('m', 'A');
    expect(await a.acquireLock('m', 'A', 5_000)).toBe(false);
    // A lock file left empty by a crash between create and write counts as stale.
    await mkdir(join(dir, 'locks'), { recursive: true });
    await writeFile(join(dir, 'locks', 'empty.lock'), '');
    expect(await a.acquireLock('empty', 'A', 5_000)).toBe(true);
  });
});
