import { type CategoricalColumn, getColumn, isDriftwatchError, type NumericColumn, type ProviderDefinition } from '@driftwatch/core';
import { InMemoryRunStore, testProviderContext } from '@driftwatch/core/testing';
import { describe, expect, it } from 'vitest';
import { EventsDataSource } from './EventsDataSource.js';
import { sqlitePlugin } from './sqlitePlugin.js';

const now = Date.parse('2026-03-08T12:00:00.000Z');
const daysAgo = (d: number) => new Date(now - d * 86_400_000).toISOString();

async function storeWithEvents() {
  const store = new InMemoryRunStore();
  await store.events().appendEvents('credit', [
    { id: 'old', timestamp: daysAgo(9), receivedAt: daysAgo(9), features: { age: 99, city: 'Nice' }, prediction: 1 },
    {
      id: 'e1',
      timestamp: daysAgo(3),
      receivedAt: daysAgo(3),
      features: { age: 30, city: 'Lyon' },
      prediction: 0,
      probabilities: { '0': 0.8, '1': 0.2 },
    },
    {
      id: 'e2',
      timestamp: daysAgo(2),
      receivedAt: daysAgo(2),
      features: { age: 45 },
      prediction: 1,
      probabilities: { '0': 0.3, '1': 0.7 },
    },
    { timestamp: daysAgo(1), receivedAt: daysAgo(1), features: { age: null, city: 'Paris' } },
  ]);
  await store.events().appendEvents('churn', [{ timestamp: daysAgo(1), receivedAt: daysAgo(1), features: { age: 1 } }]);
  await store.events().appendLabels('credit', [
    { id: 'e2', label: 1 },
    { id: 'e1', label: 0 },
  ]);
  return store;
}

const definition = () =>
  sqlitePlugin.providers.find((p) => p.port === 'DataSource' && p.type === 'events') as ProviderDefinition<'DataSource'>;

describe('EventsDataSource', () => {
  it("reads a monitor's events of the window as rows: features, id, timestamp, prediction, proba_<class>, label joined by id", async () => {
    const store = await storeWithEvents();
    const source = new EventsDataSource(store.events(), { monitor: 'credit', windowMs: 7 * 86_400_000, now: () => now });
    const schema = await source.inferSchema();
    expect(schema.columns.map((c) => [c.name, c.kind])).toEqual([
      ['age', 'numeric'],
      ['city', 'categorical'],
      ['id', 'categorical'],
      ['timestamp', 'datetime'],
      ['prediction', 'numeric'],
      ['proba_0', 'numeric'],
      ['proba_1', 'numeric'],
      ['label', 'numeric'],
    ]);
    const frame = await source.read({ schema });
    expect(frame.rowCount).toBe(3);
    expect([...(getColumn(frame, 'age') as NumericColumn).values]).toEqual([30, 45, Number.NaN]);
    const city = getColumn(frame, 'city') as CategoricalColumn;
    expect([...city.codes].map((c) => (c < 0 ? null : city.dictionary[c]))).toEqual(['Lyon', null, 'Paris']);
    expect([...(getColumn(frame, 'proba_1') as NumericColumn).values]).toEqual([0.2, 0.7, Number.NaN]);
    expect([...(getColumn(frame, 'label') as NumericColumn).values]).toEqual([0, 1, Number.NaN]);
    expect([...(getColumn(frame, 'prediction') as NumericColumn).values]).toEqual([0, 1, Number.NaN]);
  });

  it('says so when the window holds no event', async () => {
    const store = await storeWithEvents();
    const source = new EventsDataSource(store.events(), { monitor: 'credit', windowMs: 3_600_000, now: () => now });
    const error = await source.read().catch((e: unknown) => e);
    expect(isDriftwatchError(error) && error.code).toBe('INPUT_NO_ROWS');
    expect((error as Error).message).toMatch(
      /events:credit: no events of monitor "credit" from 2026-03-08T11:00:00.000Z to 2026-03-08T12:00:00.000Z/,
    );
  });

  it('as a provider: the monitor defaults to the one the source is in; a store without events or no monitor is a config error', async () => {
    const store = await storeWithEvents();
    const clock = { now: () => now, sleep: async () => undefined };
    // [now - 2d, now): the events of 2 days and 1 day ago.
    const options = definition().options.parse({ window: '2d' });
    const source = await definition().create(options, { ...testProviderContext(), store, clock, monitor: 'credit' } as never);
    expect((await source.read()).rowCount).toBe(2);
    const other = await definition().create(definition().options.parse({ monitor: 'churn' }), {
      ...testProviderContext(),
      store,
      clock,
    } as never);
    expect((await other.read()).rowCount).toBe(1);

    const noMonitor = await Promise.resolve()
      .then(() => definition().create(options, { ...testProviderContext(), store, clock } as never))
      .catch((e: unknown) => e);
    expect((noMonitor as Error).message).toMatch(/needs the option "monitor"/);
    const files = { saveRun: async () => undefined } as never;
    const noEvents = await Promise.resolve()
      .then(() => definition().create(options, { ...testProviderContext(), store: files, clock, monitor: 'credit' } as never))
      .catch((e: unknown) => e);
    expect(isDriftwatchError(noEvents) && noEvents.code).toBe('CONFIG_INVALID');
    expect(definition().options.safeParse({ window: '0s' }).success).toBe(false);
    expect(definition().options.safeParse({ windw: '7d' }).success).toBe(false);
  });
});
