import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../domain/MetricPoint.js';
import { isDriftwatchError } from '../../errors/isDriftwatchError.js';
import type { RunStore } from '../../ports/RunStore.js';
import type { StoredEvent } from '../../ports/ServerStores.js';

/** What the server stores' suite needs: a fresh run store with all four capabilities per test. */
export interface ServerStoresContract {
  /** Names the store in the test titles, e.g. `sqlite`. */
  readonly name: string;
  /** A new, empty store; `close` (if given) runs after the test. */
  readonly make: () => Promise<{ readonly store: RunStore; readonly close?: () => Promise<void> }>;
}

const at = (minute: number, hour = 10) => `2026-03-01T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;

const point = (name: string, value: number, timestamp: string, dimensions: Record<string, string>, runId = 'run-1'): MetricPoint => ({
  name,
  value,
  unit: 'None',
  timestamp,
  dimensions,
  runId,
});

const event = (id: string | undefined, minute: number, age: number): Omit<StoredEvent, 'label'> => ({
  ...(id === undefined ? {} : { id }),
  timestamp: at(minute),
  receivedAt: at(59),
  features: { age, city: 'Lyon', missing: null },
  prediction: age > 40 ? 1 : 0,
  probabilities: { '0': 0.25, '1': 0.75 },
});

/**
 * The contract of the server's stores (`RunStore.series()`, `alerts()`, `tokens()`, `events()`):
 * series deduplicate by point key, filter by dimensions and time and downsample into equal time
 * buckets (mean, min, max, count); alerts list newest first; tokens keep one live name, are found
 * by hash and revoked by id or name; event batches are all-or-nothing, idempotent by key, joined
 * with labels by id (also labels that came first) and pruned by time.
 */
export function describeServerStores(contract: ServerStoresContract): void {
  describe(`server stores of "${contract.name}"`, () => {
    const open = async <T>(test: (store: RunStore) => Promise<T>): Promise<T> => {
      const { store, close } = await contract.make();
      try {
        return await test(store);
      } finally {
        await close?.();
      }
    };
    const capability = <K extends 'series' | 'alerts' | 'tokens' | 'events'>(store: RunStore, name: K) => {
      const method = store[name];
      if (typeof method !== 'function') throw new Error(`${contract.name} has no ${name}() capability`);
      return (method as () => ReturnType<NonNullable<RunStore[K]>>).call(store);
    };

    it('series: keeps a point delivered twice once, filters by name, dimensions and [from, to), oldest first', () =>
      open(async (store) => {
        const series = capability(store, 'series');
        const credit = { monitor: 'credit', feature: 'age' };
        await series.append([point('drift.statistic', 0.3, at(2), credit), point('drift.statistic', 0.1, at(1), credit)]);
        await series.append([
          point('drift.statistic', 0.1, at(1), credit),
          point('drift.statistic', 0.7, at(3), { monitor: 'credit', feature: 'income' }),
          point('drift.statistic', 0.9, at(3), { monitor: 'churn', feature: 'age' }),
          point('drift.p_value', 0.01, at(3), credit),
        ]);
        const all = await series.query({ name: 'drift.statistic', dimensions: { monitor: 'credit' } });
        expect(all).toEqual([
          {
            name: 'drift.statistic',
            dimensions: credit,
            points: [
              { timestamp: at(1), value: 0.1, min: 0.1, max: 0.1, count: 1 },
              { timestamp: at(2), value: 0.3, min: 0.3, max: 0.3, count: 1 },
            ],
          },
          {
            name: 'drift.statistic',
            dimensions: { monitor: 'credit', feature: 'income' },
            points: [{ timestamp: at(3), value: 0.7, min: 0.7, max: 0.7, count: 1 }],
          },
        ]);
        const ranged = await series.query({ name: 'drift.statistic', dimensions: { feature: 'age' }, from: at(2), to: at(3) });
        expect(ranged.map((s) => [s.dimensions.monitor, s.points.map((p) => p.value)])).toEqual([['credit', [0.3]]]);
        expect(await series.query({ name: 'unknown.metric' })).toEqual([]);
      }));

    it('series: downsamples into equal time buckets with mean, min, max and count', () =>
      open(async (store) => {
        const series = capability(store, 'series');
        const dims = { monitor: 'credit' };
        // 10 points, one a minute from 10:00 to 10:09 (span 9 min); 3 buckets of 3 minutes each:
        // [10:00, 10:03) holds minutes 0-2, [10:03, 10:06) 3-5, [10:06, 10:09] 6-9.
        const values = [4, 2, 6, 1, 1, 7, 3, 5, 8, 0];
        await series.append(values.map((v, i) => point('dataset.drift_share', v, at(i), dims, `run-${i}`)));
        const [downsampled] = await series.query({ name: 'dataset.drift_share', maxPoints: 3 });
        expect(downsampled?.points).toEqual([
          { timestamp: at(0), value: 4, min: 2, max: 6, count: 3 },
          { timestamp: at(3), value: 3, min: 1, max: 7, count: 3 },
          { timestamp: at(6), value: 4, min: 0, max: 8, count: 4 },
        ]);
        const [whole] = await series.query({ name: 'dataset.drift_share', maxPoints: 10 });
        expect(whole?.points.map((p) => p.value)).toEqual(values);
        // Two non-empty buckets of four: points at minutes 0, 1 and 30 over a span of 30 minutes.
        await series.append([0, 1, 30].map((m, i) => point('sparse', i + 1, at(m), dims, `run-${i}`)));
        const [sparse] = await series.query({ name: 'sparse', maxPoints: 2 });
        expect(sparse?.points).toEqual([
          { timestamp: at(0), value: 1.5, min: 1, max: 2, count: 2 },
          { timestamp: at(15), value: 3, min: 3, max: 3, count: 1 },
        ]);
      }));

    it('series: latest gives the newest point of every series, by monitor; prune deletes older points', () =>
      open(async (store) => {
        const series = capability(store, 'series');
        await series.append([
          point('drift.statistic', 0.2, at(5), { monitor: 'credit', feature: 'age' }),
          point('drift.statistic', 0.4, at(1), { monitor: 'credit', feature: 'age' }),
          point('drift.statistic', 0.6, at(2), { monitor: 'churn', feature: 'age' }),
        ]);
        const latest = await series.latest();
        expect(latest.map((p) => [p.dimensions.monitor, p.value]).sort()).toEqual([
          ['churn', 0.6],
          ['credit', 0.2],
        ]);
        expect(await series.latest({ monitor: 'credit' })).toEqual([
          point('drift.statistic', 0.2, at(5), { monitor: 'credit', feature: 'age' }),
        ]);
        expect(await series.prune(at(2))).toBe(1);
        expect(await series.prune(at(2))).toBe(0);
        const [credit] = await series.query({ name: 'drift.statistic', dimensions: { monitor: 'credit' } });
        expect(credit?.points.map((p) => p.value)).toEqual([0.2]);
      }));

    it('alerts: lists newest first, by monitor, since a time, up to a limit, each with an id', () =>
      open(async (store) => {
        const alerts = capability(store, 'alerts');
        const alert = (monitor: string, minute: number, runId?: string) => ({
          rule: 'drift-share',
          severity: 'warning' as const,
          monitor,
          message: `drift on ${monitor}`,
          timestamp: at(minute),
          values: { share: 0.6, column: 'age', ok: false, none: null },
          ...(runId === undefined ? {} : { runId }),
        });
        await alerts.append([alert('credit', 1, 'run-a'), alert('churn', 2)]);
        await alerts.append([alert('credit', 3, 'run-b')]);
        const listed = await alerts.list();
        expect(listed.map((a) => [a.monitor, a.timestamp])).toEqual([
          ['credit', at(3)],
          ['churn', at(2)],
          ['credit', at(1)],
        ]);
        expect(new Set(listed.map((a) => a.id)).size).toBe(3);
        const { id: _id, ...first } = listed[0] as (typeof listed)[number];
        expect(first).toEqual(alert('credit', 3, 'run-b'));
        expect((await alerts.list({ monitor: 'credit' })).map((a) => a.runId)).toEqual(['run-b', 'run-a']);
        expect((await alerts.list({ since: at(2) })).map((a) => a.timestamp)).toEqual([at(3), at(2)]);
        expect((await alerts.list({ limit: 1 })).map((a) => a.timestamp)).toEqual([at(3)]);
      }));

    it('tokens: one live token per name, found by hash, revoked by id or name, touched', () =>
      open(async (store) => {
        const tokens = capability(store, 'tokens');
        const token = (id: string, name: string, hash: string) => ({
          id,
          name,
          scopes: ['read', 'ingest'] as const,
          hash,
          createdAt: at(Number(id.slice(-1))),
        });
        await tokens.create(token('tok-1', 'ci', 'a'.repeat(64)));
        await tokens.create(token('tok-2', 'dashboard', 'b'.repeat(64)));
        const clash = await tokens.create(token('tok-3', 'ci', 'c'.repeat(64))).catch((e: unknown) => e);
        expect(isDriftwatchError(clash) && clash.code).toBe('STATE_CONFLICT');
        expect(await tokens.findByHash('a'.repeat(64))).toEqual(token('tok-1', 'ci', 'a'.repeat(64)));
        expect(await tokens.findByHash('f'.repeat(64))).toBeUndefined();
        await tokens.touch('tok-2', at(30));
        expect((await tokens.findByHash('b'.repeat(64)))?.lastUsedAt).toBe(at(30));
        expect(await tokens.revoke('ci', at(40))).toBe(true);
        expect(await tokens.revoke('ci', at(41))).toBe(false);
        expect(await tokens.revoke('nobody', at(41))).toBe(false);
        expect((await tokens.findByHash('a'.repeat(64)))?.revokedAt).toBe(at(40));
        await tokens.create(token('tok-3', 'ci', 'c'.repeat(64)));
        expect(await tokens.revoke('tok-2', at(42))).toBe(true);
        expect((await tokens.list()).map((t) => [t.id, t.name, t.revokedAt ?? null])).toEqual([
          ['tok-1', 'ci', at(40)],
          ['tok-2', 'dashboard', at(42)],
          ['tok-3', 'ci', null],
        ]);
        expect((await tokens.list())[0]?.scopes).toEqual(['read', 'ingest']);
      }));

    it('events: stores a batch, reads [from, to) oldest first with timestamps in UTC, counts per monitor', () =>
      open(async (store) => {
        const events = capability(store, 'events');
        expect(await events.appendEvents('credit', [event('e2', 2, 50), event('e1', 1, 30), event(undefined, 3, 45)])).toEqual({
          stored: 3,
          duplicate: false,
        });
        await events.appendEvents('churn', [{ ...event('e9', 0, 20), timestamp: '2026-03-01T12:01:00+02:00' }]);
        const read = await events.read('credit', { from: at(1), to: at(3) });
        expect(read).toEqual([event('e1', 1, 30), event('e2', 2, 50)]);
        expect((await events.read('churn', { from: at(0), to: at(2) })).map((e) => e.timestamp)).toEqual([at(1)]);
        expect(await events.count('credit')).toBe(3);
        expect(await events.count('nobody')).toBe(0);
        expect(await events.read('nobody', { from: at(0), to: at(59) })).toEqual([]);
      }));

    it('events: an idempotency key seen before stores nothing; a known id is not stored twice', () =>
      open(async (store) => {
        const events = capability(store, 'events');
        expect(await events.appendEvents('credit', [event('e1', 1, 30)], 'key-1')).toEqual({ stored: 1, duplicate: false });
        expect(await events.appendEvents('credit', [event('e1', 1, 30), event('e2', 2, 31)], 'key-1')).toEqual({
          stored: 0,
          duplicate: true,
        });
        // The key is per monitor.
        expect(await events.appendEvents('churn', [event('e1', 1, 30)], 'key-1')).toEqual({ stored: 1, duplicate: false });
        expect(await events.appendEvents('credit', [event('e1', 1, 99), event('e3', 3, 33)], 'key-2')).toEqual({
          stored: 1,
          duplicate: false,
        });
        expect((await events.read('credit', { from: at(0), to: at(59) })).map((e) => [e.id, e.features.age])).toEqual([
          ['e1', 30],
          ['e3', 33],
        ]);
        expect(await events.appendLabels('credit', [{ id: 'e1', label: 1 }], 'key-1')).toEqual({ stored: 1, duplicate: false });
        expect(await events.appendLabels('credit', [{ id: 'e1', label: 0 }], 'key-1')).toEqual({ stored: 0, duplicate: true });
      }));

    it('events: a batch with one bad event stores nothing', () =>
      open(async (store) => {
        const events = capability(store, 'events');
        await events.appendEvents('credit', [event('e0', 0, 10)]);
        const bad = await events
          .appendEvents('credit', [event('e1', 1, 30), { ...event('e2', 2, 31), timestamp: 'yesterday' }], 'key-bad')
          .catch((e: unknown) => e);
        expect(isDriftwatchError(bad) && bad.code).toBe('INPUT_INVALID_VALUE');
        expect(await events.count('credit')).toBe(1);
        // The failed batch's key was not kept: the corrected retry is stored.
        expect(await events.appendEvents('credit', [event('e1', 1, 30), event('e2', 2, 31)], 'key-bad')).toEqual({
          stored: 2,
          duplicate: false,
        });
      }));

    it('events: labels join by id, also labels that arrived before their event; the latest label wins', () =>
      open(async (store) => {
        const events = capability(store, 'events');
        expect(await events.appendLabels('credit', [{ id: 'e2', label: 'late' }])).toEqual({ stored: 1, duplicate: false });
        await events.appendEvents('credit', [event('e1', 1, 30), event('e2', 2, 50)]);
        await events.appendLabels('credit', [
          { id: 'e1', label: 0 },
          { id: 'e1', label: 1 },
        ]);
        await events.appendLabels('churn', [{ id: 'e2', label: 'other monitor' }]);
        const read = await events.read('credit', { from: at(0), to: at(59) });
        expect(read.map((e) => [e.id, e.label])).toEqual([
          ['e1', 1],
          ['e2', 'late'],
        ]);
        expect(read[0]).toEqual({ ...event('e1', 1, 30), label: 1 });
      }));

    it('events: prune deletes the events before a time, per monitor, and their labels', () =>
      open(async (store) => {
        const events = capability(store, 'events');
        await events.appendEvents('credit', [event('e1', 1, 30), event('e2', 2, 50), event('e3', 3, 60)]);
        await events.appendEvents('churn', [event('e1', 1, 30)]);
        await events.appendLabels('credit', [{ id: 'e1', label: 1 }]);
        expect(await events.prune('credit', at(3))).toBe(2);
        expect(await events.count('credit')).toBe(1);
        expect(await events.count('churn')).toBe(1);
        // An event with a pruned id may arrive again; the pruned label does not come back with it.
        await events.appendEvents('credit', [event('e1', 4, 30)]);
        expect((await events.read('credit', { from: at(0), to: at(59) })).map((e) => [e.id, e.label])).toEqual([
          ['e3', undefined],
          ['e1', undefined],
        ]);
      }));
  });
}
