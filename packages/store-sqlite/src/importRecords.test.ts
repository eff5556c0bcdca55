import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MetricPoint, RetrainingAttempt, RunRecord } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { importRecords } from './importRecords.js';
import { SqliteRunStore } from './SqliteRunStore.js';

const run = (id: string, minute: number): RunRecord => ({
  id,
  monitor: 'credit',
  startedAt: `2026-11-27T10:${String(minute).padStart(2, '0')}:00.000Z`,
  finishedAt: `2026-11-27T10:${String(minute).padStart(2, '0')}:30.000Z`,
  status: 'drift',
  result: { drift: { dataset: { share: 0.5, driftedColumns: 2, testedColumns: 4 } } },
});
const attempt: RetrainingAttempt = {
  schemaVersion: 1,
  id: 'att-1',
  key: 'k',
  monitor: 'credit',
  model: 'm',
  state: 'deployed',
  trigger: { kinds: ['drift'], reasons: ['drift'], runId: 'r1' },
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:00.000Z',
  transitions: [],
};
const point = (name: string): MetricPoint => ({
  name,
  value: Number.POSITIVE_INFINITY,
  unit: 'None',
  timestamp: '2026-11-27T10:00:00.000Z',
  dimensions: { monitor: 'credit' },
  runId: 'r1',
});

describe('importRecords', () => {
  it('imports runs, attempts and outbox points once: a second import skips all of them', async () => {
    const store = new SqliteRunStore(join(await mkdtemp(join(tmpdir(), 'dw-import-')), 'dw.db'));
    await store.saveRun({ ...run('r2', 2), status: 'ok' });
    const records = {
      source: '/x/.driftwatch',
      runs: [run('r1', 1), run('r2', 2)],
      attempts: [attempt],
      outboxes: [{ sink: 'cw', points: [point('a'), point('b')] }],
    };
    expect(importRecords(store, records)).toEqual({
      runs: { imported: 1, skipped: 1 },
      attempts: { imported: 1, skipped: 0 },
      outboxPoints: { imported: 2, skipped: 0 },
    });
    expect(importRecords(store, records)).toEqual({
      runs: { imported: 0, skipped: 2 },
      attempts: { imported: 0, skipped: 1 },
      outboxPoints: { imported: 0, skipped: 2 },
    });
    // The store's own r2 was kept; the imported r1 reads back as it was.
    expect((await store.listRuns()).map((r) => [r.id, r.status])).toEqual([
      ['r2', 'ok'],
      ['r1', 'drift'],
    ]);
    // Imported runs carry their summary columns: the overview reads them without the records.
    expect(await store.listRunSummaries()).toEqual([
      {
        id: 'r2',
        monitor: 'credit',
        status: 'ok',
        startedAt: run('r2', 2).startedAt,
        finishedAt: run('r2', 2).finishedAt,
        driftShare: 0.5,
        driftedColumns: 2,
        columns: 4,
      },
      {
        id: 'r1',
        monitor: 'credit',
        status: 'drift',
        startedAt: run('r1', 1).startedAt,
        finishedAt: run('r1', 1).finishedAt,
        driftShare: 0.5,
        driftedColumns: 2,
        columns: 4,
      },
    ]);
    expect(await store.getAttempt('att-1')).toEqual(attempt);
    const pending = await store.outbox('cw').pending({ now: Date.parse('2026-11-27T11:00:00Z'), maxAgeMs: 86_400_000, maxPoints: 10 });
    expect(pending.points).toEqual([point('a'), point('b')]);
    store.shutdown();
  });

  it('is atomic: a record the store cannot take leaves nothing of the import', async () => {
    const store = new SqliteRunStore(join(await mkdtemp(join(tmpdir(), 'dw-import-')), 'dw.db'));
    const broken = { ...run('r9', 9), monitor: null as unknown as string };
    expect(() => importRecords(store, { source: 's', runs: [run('r1', 1), broken], attempts: [attempt], outboxes: [] })).toThrow(
      /NOT NULL/,
    );
    expect(await store.listRuns()).toEqual([]);
    expect(await store.listAttempts()).toEqual([]);
    store.shutdown();
  });
});
