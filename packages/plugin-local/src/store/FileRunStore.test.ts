import { mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redactor, type RetrainingAttempt, type RetrainingState, type RunRecord, StateError } from '@driftwatch/core';
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

const attempt = (id: string, model: string, monitor: string, minute: number, state: RetrainingState): RetrainingAttempt => ({
  schemaVersion: 1,
  id,
  key: `${monitor}-${minute}`,
  monitor,
  model,
  state,
  trigger: { kinds: ['drift'], reasons: ['dataset drift: 4 of 9 features'], runId: `run-${minute}` },
  createdAt: `2026-11-27T10:${String(minute).padStart(2, '0')}:00.000Z`,
  updatedAt: `2026-11-27T11:${String(minute).padStart(2, '0')}:00.000Z`,
  transitions: [{ from: null, to: 'triggered', at: `2026-11-27T10:${String(minute).padStart(2, '0')}:00.000Z`, reason: 'drift' }],
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

  it('writes runs and attempts with every string redacted, keys and numbers kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-store-'));
    const redactor = new Redactor(['sk-live-0123456789']);
    const store = new FileRunStore(dir, { redact: (record) => redactor.strings(record) });
    const echo =
      'User: arn:aws:iam::1:user/x; Authorization=AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261207/us-east-1/monitoring/aws4_request';
    await store.saveRun(
      run('r1', 'credit', 1, {
        status: 'failed',
        result: { token: 3, statistic: 0.25, error: 'key sk-live-0123456789 refused' },
        failedSinks: [{ type: 'cloudwatch', reason: echo }],
      }),
    );
    const a = attempt('a1', 'credit', 'credit', 1, 'failed');
    await store.saveAttempt({ ...a, error: { code: 'PROVIDER', message: 'train: exit status 1: API_KEY=sk-live-0123456789' } });
    const files = [join(dir, 'runs', 'r1.json'), join(dir, 'attempts', 'a1.json'), join(dir, 'index.json')];
    const text = (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
    expect(text).not.toMatch(/sk-live|AKIA/);
    const saved = await store.getRun('r1');
    expect(saved?.result).toEqual({ token: 3, statistic: 0.25, error: 'key *** refused' });
    expect(saved?.failedSinks?.[0]?.reason).toBe('User: arn:aws:iam::1:user/x; Authorization=***');
    expect((await store.getAttempt('a1'))?.error?.message).toBe('train: exit status 1: API_KEY=***');
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

  it('keeps every run in the index when stores write and list at once (one lock around the index)', async () => {
    const { dir, warnings } = await fresh();
    // 8 stores (as 8 processes would), 10 runs each, all at once; each lists after every save, as `history` does.
    const stores = Array.from({ length: 8 }, () => new FileRunStore(dir, { warn: (m) => warnings.push(m) }));
    await Promise.all(
      stores.map(async (store, p) => {
        for (let i = 0; i < 10; i++) {
          await store.saveRun(run(`p${p}-r${i}`, `monitor-${p}`, i));
          await store.listRuns({ monitor: `monitor-${p}` });
        }
      }),
    );
    const files = (await readdir(join(dir, 'runs'))).map((f) => f.replace(/\.json$/, '')).sort();
    const indexed = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'))
      .runs.map((e: { id: string }) => e.id)
      .sort();
    expect(files).toHaveLength(80);
    expect(indexed).toEqual(files);
    expect(warnings).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(['index.json', 'runs']);
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
    expect(warnings).toEqual([`took over the expired lock ${join(dir, 'locks', 'm.lock')} of A (process ${process.pid})`]);
    // A's late release leaves B's lock alone.
    await a.releaseLock('m', 'A');
    expect(await a.acquireLock('m', 'A', 5_000)).toBe(false);
    // A lock file left empty by a crash between create and write counts as stale once a second old
    // (a fresh one may be in the middle of its creation).
    const empty = join(dir, 'locks', 'empty.lock');
    await writeFile(empty, '');
    await utimes(empty, new Date(now - 500), new Date(now - 500));
    expect(await a.acquireLock('empty', 'A', 5_000)).toBe(false);
    await utimes(empty, new Date(now - 1_500), new Date(now - 1_500));
    expect(await a.acquireLock('empty', 'A', 5_000)).toBe(true);
  });

  describe('retraining attempts', () => {
    it('saves, replaces and reads attempts across instances, one file each', async () => {
      const { dir, store, warnings } = await fresh();
      const first = attempt('a1', 'credit-model', 'credit', 1, 'triggered');
      await store.saveAttempt(first);
      const advanced: RetrainingAttempt = {
        ...first,
        state: 'training',
        transitions: [
          ...first.transitions,
          { from: 'triggered', to: 'training', at: '2026-11-27T10:02:00.000Z', reason: 'data collected' },
        ],
        training: { provider: 'command', jobId: 'a1', startedAt: '2026-11-27T10:02:00.000Z' },
      };
      await store.saveAttempt(advanced);
      const again = new FileRunStore(dir);
      expect(await again.getAttempt('a1')).toEqual(advanced);
      expect(await again.getAttempt('missing')).toBeUndefined();
      expect(await again.getAttempt('../index')).toBeUndefined();
      expect(await readdir(join(dir, 'attempts'))).toEqual(['a1.json']);
      await expect(store.saveAttempt({ ...first, id: '../escape' })).rejects.toThrow(/cannot name a file/);
      expect(warnings).toEqual([]);
    });

    it('lists attempts newest first, filtered by model, monitor and states, with a limit', async () => {
      const { store } = await fresh();
      await store.saveAttempt(attempt('a1', 'credit-model', 'credit', 1, 'deployed'));
      await store.saveAttempt(attempt('a3', 'credit-model', 'credit', 3, 'training'));
      await store.saveAttempt(attempt('a2', 'churn-model', 'churn', 2, 'failed'));
      await store.saveAttempt(attempt('a4', 'credit-model', 'credit-eu', 4, 'evaluating'));
      const ids = async (query?: Parameters<FileRunStore['listAttempts']>[0]) => (await store.listAttempts(query)).map((a) => a.id);
      expect(await ids()).toEqual(['a4', 'a3', 'a2', 'a1']);
      expect(await ids({ model: 'credit-model' })).toEqual(['a4', 'a3', 'a1']);
      expect(await ids({ monitor: 'credit' })).toEqual(['a3', 'a1']);
      expect(await ids({ states: ['training', 'evaluating', 'failed'] })).toEqual(['a4', 'a3', 'a2']);
      expect(await ids({ model: 'credit-model', states: ['deployed', 'training'], limit: 1 })).toEqual(['a3']);
      expect(await ids({ states: [] })).toEqual([]);
      expect(await new FileRunStore(join(await mkdtemp(join(tmpdir(), 'dw-empty-')), 'never')).listAttempts()).toEqual([]);
    });

    it('sets aside corrupt attempt files with a warning, removes old temp files, and names a corrupt file read by id', async () => {
      const { dir, store, warnings } = await fresh();
      await store.saveAttempt(attempt('a1', 'm', 'credit', 1, 'training'));
      const attempts = join(dir, 'attempts');
      await writeFile(join(attempts, 'a2.json'), '{"schemaVersion":1,"id":"a2","mon');
      await writeFile(join(attempts, 'a3.json'), JSON.stringify({ ...attempt('a3', 'm', 'credit', 3, 'training'), schemaVersion: 2 }));
      await writeFile(join(attempts, 'a4.json'), JSON.stringify({ ...attempt('a4', 'm', 'credit', 4, 'training'), state: 'dancing' }));
      await writeFile(join(attempts, 'a5.json.99.cafe.tmp'), '{');
      const old = new Date(Date.now() - 3_600_000);
      await utimes(join(attempts, 'a5.json.99.cafe.tmp'), old, old);

      expect((await store.listAttempts()).map((a) => a.id)).toEqual(['a1']);
      expect(warnings).toEqual([
        expect.stringMatching(/set aside .*a2\.json as a2\.json\.corrupt: not a valid retraining attempt \(.*JSON/),
        expect.stringMatching(/set aside .*a3\.json as a3\.json\.corrupt: not a valid retraining attempt \(unknown schemaVersion 2\)/),
        expect.stringMatching(/set aside .*a4\.json as a4\.json\.corrupt: not a valid retraining attempt \(unknown state "dancing"\)/),
        expect.stringMatching(/removed .*a5\.json\.99\.cafe\.tmp, left over by an interrupted write/),
      ]);
      expect((await readdir(attempts)).sort()).toEqual(['a1.json', 'a2.json.corrupt', 'a3.json.corrupt', 'a4.json.corrupt']);

      await writeFile(join(attempts, 'a1.json'), '{"schemaVersion":1,');
      const error = await store.getAttempt('a1').catch((e) => e);
      expect(error).toBeInstanceOf(StateError);
      expect(error.message).toMatch(/attempts\/a1\.json: not a valid retraining attempt/);
    });
  });
});
