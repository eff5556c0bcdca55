import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../domain/MetricPoint.js';
import type { RetrainingAttempt, RetrainingState } from '../../domain/RetrainingAttempt.js';
import type { RunRecord } from '../../ports/RunStore.js';
import { summariseRun } from '../../runs/summariseRun.js';
import type { ContractSubject } from './ContractSubject.js';
import { lifecycleTests } from './lifecycleTests.js';
import { providerFixture } from './providerFixture.js';

/** What the RunStore suite needs besides the subject. */
export interface RunStoreContract extends ContractSubject {
  /** True when a second store made with the same options sees the first one's records (a durable store). */
  readonly durable?: boolean;
}

const run = (id: string, monitor: string, minute: number, status: RunRecord['status'] = 'ok'): RunRecord => ({
  id,
  monitor,
  startedAt: `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
  finishedAt: `2026-03-01T10:${String(minute).padStart(2, '0')}:30.000Z`,
  status,
  result: { schemaVersion: 1, nested: { values: [1, 2.5, null], text: 'é' } },
  failedSinks: status === 'failed' ? [{ type: 'jsonl', reason: 'disk full' }] : [],
});

const attempt = (id: string, model: string, monitor: string, minute: number, state: RetrainingState): RetrainingAttempt => {
  const at = `2026-03-01T11:${String(minute).padStart(2, '0')}:00.000Z`;
  return {
    schemaVersion: 1,
    id,
    key: `key-${id}`,
    monitor,
    model,
    state,
    trigger: { kinds: ['drift'], reasons: ['dataset drift share 0.6 > 0.5'], runId: `run-${id}` },
    createdAt: at,
    updatedAt: at,
    transitions: [{ from: null, to: 'triggered', at, reason: 'dataset drift' }],
  };
};

/**
 * The RunStore contract: runs and attempts come back as saved (deep copies),
 * newest first and filtered; saving an id again replaces it; a lock is held by
 * one owner at a time, renewable by its owner and released only by it; a
 * store's outbox (optional) deduplicates, sorts and settles.
 */
export function describeRunStore(contract: RunStoreContract): void {
  describe(`RunStore "${contract.type}" of ${contract.plugin?.name ?? 'a plugin'}`, () => {
    const fixture = providerFixture('RunStore', contract);
    lifecycleTests('RunStore', contract, fixture);

    it('returns a saved run as it was saved, and undefined for an unknown id', async () => {
      const { provider } = await fixture.make();
      const saved = run('run-1', 'credit', 1, 'failed');
      await provider.saveRun(saved);
      expect(await provider.getRun('run-1')).toEqual(saved);
      expect(await provider.getRun('run-unknown')).toBeUndefined();
    });

    it('lists runs newest first, by monitor, up to a limit; saving an id again replaces the run', async () => {
      const { provider } = await fixture.make();
      await provider.saveRun(run('run-a', 'credit', 1));
      await provider.saveRun(run('run-b', 'churn', 2));
      await provider.saveRun(run('run-c', 'credit', 3));
      await provider.saveRun({ ...run('run-a', 'credit', 1), status: 'drift' });
      expect((await provider.listRuns()).map((r) => r.id)).toEqual(['run-c', 'run-b', 'run-a']);
      expect((await provider.listRuns({ monitor: 'credit' })).map((r) => r.id)).toEqual(['run-c', 'run-a']);
      expect((await provider.listRuns({ limit: 1 })).map((r) => r.id)).toEqual(['run-c']);
      expect((await provider.getRun('run-a'))?.status).toBe('drift');
    });

    it('summarises runs, when the store lists summaries, as summariseRun does with listRuns', async () => {
      const { provider } = await fixture.make();
      if (provider.listRunSummaries === undefined) return;
      const drift = (share: number, drifted: number, tested: number) => ({
        drift: { dataset: { share, driftedColumns: drifted, testedColumns: tested, drifted: share > 0.5 } },
      });
      await provider.saveRun({ ...run('run-a', 'credit', 1), result: drift(0.25, 1, 4) });
      await provider.saveRun({ ...run('run-b', 'churn', 2, 'drift'), result: drift(2 / 3, 2, 3) });
      await provider.saveRun({ ...run('run-c', 'credit', 3, 'failed'), result: null });
      await provider.saveRun({ id: 'run-d', monitor: 'credit', startedAt: '2026-03-01T10:04:00.000Z', status: 'started', result: null });
      // Saving an id again replaces its summary too.
      await provider.saveRun({ ...run('run-a', 'credit', 1, 'drift'), result: drift(0.75, 3, 4) });
      expect(await provider.listRunSummaries()).toEqual((await provider.listRuns()).map(summariseRun));
      const credit = await provider.listRunSummaries({ monitor: 'credit', limit: 3 });
      expect(credit).toEqual([
        { id: 'run-d', monitor: 'credit', status: 'started', startedAt: '2026-03-01T10:04:00.000Z' },
        { id: 'run-c', monitor: 'credit', status: 'failed', startedAt: '2026-03-01T10:03:00.000Z', finishedAt: '2026-03-01T10:03:30.000Z' },
        {
          id: 'run-a',
          monitor: 'credit',
          status: 'drift',
          startedAt: '2026-03-01T10:01:00.000Z',
          finishedAt: '2026-03-01T10:01:30.000Z',
          driftShare: 0.75,
          driftedColumns: 3,
          columns: 4,
        },
      ]);
      expect((await provider.listRunSummaries({ limit: 1 })).map((r) => r.id)).toEqual(['run-d']);
    });

    it('keeps retraining attempts: get, replace, list newest first filtered by model, monitor and state', async () => {
      const { provider } = await fixture.make();
      await provider.saveAttempt(attempt('att-1', 'm1', 'credit', 1, 'deployed'));
      await provider.saveAttempt(attempt('att-2', 'm1', 'credit', 2, 'training'));
      await provider.saveAttempt(attempt('att-3', 'm2', 'churn', 3, 'failed'));
      const replaced = { ...attempt('att-2', 'm1', 'credit', 2, 'evaluating'), updatedAt: '2026-03-01T12:00:00.000Z' };
      await provider.saveAttempt(replaced);
      expect(await provider.getAttempt('att-2')).toEqual(replaced);
      expect(await provider.getAttempt('att-unknown')).toBeUndefined();
      expect((await provider.listAttempts()).map((a) => a.id)).toEqual(['att-3', 'att-2', 'att-1']);
      expect((await provider.listAttempts({ model: 'm1' })).map((a) => a.id)).toEqual(['att-2', 'att-1']);
      expect((await provider.listAttempts({ monitor: 'churn' })).map((a) => a.id)).toEqual(['att-3']);
      expect((await provider.listAttempts({ states: ['deployed', 'failed'] })).map((a) => a.id)).toEqual(['att-3', 'att-1']);
      expect((await provider.listAttempts({ limit: 2 })).map((a) => a.id)).toEqual(['att-3', 'att-2']);
    });

    it('gives a lock to one owner at a time, renewable by it and released only by it', async () => {
      const { provider } = await fixture.make();
      expect(await provider.acquireLock('monitor:credit', 'owner-a', 60_000)).toBe(true);
      expect(await provider.acquireLock('monitor:credit', 'owner-b', 60_000)).toBe(false);
      expect(await provider.acquireLock('monitor:credit', 'owner-a', 60_000)).toBe(true);
      expect(await provider.acquireLock('monitor:churn', 'owner-b', 60_000)).toBe(true);
      await provider.releaseLock('monitor:credit', 'owner-b');
      expect(await provider.acquireLock('monitor:credit', 'owner-b', 60_000)).toBe(false);
      await provider.releaseLock('monitor:credit', 'owner-a');
      expect(await provider.acquireLock('monitor:credit', 'owner-b', 60_000)).toBe(true);
    });

    it('keeps a started run (no finishedAt, no result) and replaces it by the finished one', async () => {
      const { provider } = await fixture.make();
      const started: RunRecord = { id: 'run-s', monitor: 'credit', startedAt: '2026-03-01T10:05:00.000Z', status: 'started', result: null };
      await provider.saveRun(started);
      expect(await provider.getRun('run-s')).toEqual(started);
      expect((await provider.listRuns({ monitor: 'credit' })).map((r) => r.status)).toEqual(['started']);
      await provider.saveRun({ ...started, status: 'interrupted' });
      expect((await provider.listRuns({ monitor: 'credit' })).map((r) => r.status)).toEqual(['interrupted']);
    });

    it('an outbox, when the store has one, keeps points deduplicated and oldest first until settled', async () => {
      const { provider } = await fixture.make();
      if (provider.outbox === undefined) return;
      const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
      const point = (name: string, minute: number, runId: string): MetricPoint => ({
        name,
        value: minute,
        unit: 'None',
        timestamp: at(minute),
        dimensions: { monitor: 'credit' },
        runId,
      });
      const bounds = { now: Date.parse(at(30)), maxAgeMs: 3_600_000, maxPoints: 10 };
      const outbox = provider.outbox('cloudwatch-contract');
      await outbox.add([point('b', 2, 'r1'), point('a', 1, 'r1')]);
      await outbox.add([point('a', 1, 'r1'), point('c', 3, 'r2')]);
      const read = await outbox.pending(bounds);
      expect(read.points.map((p) => p.name)).toEqual(['a', 'b', 'c']);
      expect(read.dropped).toEqual({ tooOld: 0, overflow: 0 });
      await outbox.settle(read.points.slice(0, 2));
      expect((await provider.outbox('cloudwatch-contract').pending(bounds)).points.map((p) => p.name)).toEqual(['c']);
      expect((await provider.outbox('other-sink').pending(bounds)).points).toEqual([]);
    });

    it.skipIf(!contract.durable)('is durable: a second store with the same options sees the records and the locks', async () => {
      const first = await fixture.make();
      await first.provider.saveRun(run('run-d', 'credit', 4));
      expect(await first.provider.acquireLock('monitor:credit', 'owner-a', 60_000)).toBe(true);
      await fixture.withDeadline('shutdown', (signal) => first.provider.shutdown?.({ signal }));
      const again = await fixture.make(first.rawOptions, { baseDir: first.context.baseDir });
      expect(await again.provider.getRun('run-d')).toEqual(run('run-d', 'credit', 4));
      expect(await again.provider.acquireLock('monitor:credit', 'owner-b', 60_000)).toBe(false);
    });
  });
}
