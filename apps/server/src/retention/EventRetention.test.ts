import type { EventStore, Logger } from '@driftwatch/core';
import { InMemoryEventStore } from '@driftwatch/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventRetention } from './EventRetention.js';

const hour = 3_600_000;
const day = 24 * hour;
const start = Date.parse('2026-03-01T00:00:00.000Z');

const logged: { level: string; fields: object; msg: string | undefined }[] = [];
/** Records info and error lines as `{ level, fields, msg }` (the class always logs fields and a message). */
const record =
  (level: string) =>
  (fields: object | string, msg?: string): void => {
    if (typeof fields === 'string') logged.push({ level, fields: {}, msg: fields });
    else logged.push({ level, fields, msg });
  };
const logger: Logger = {
  trace() {},
  debug() {},
  info: record('info'),
  warn() {},
  error: record('error'),
  fatal() {},
  child() {
    return logger;
  },
};

/** `n` events of `monitor`, one an hour, the newest `ageMs` before now. */
async function append(store: EventStore, monitor: string, n: number, ageMs: number) {
  const now = Date.now();
  await store.appendEvents(
    monitor,
    Array.from({ length: n }, (_, i) => ({
      timestamp: new Date(now - ageMs - i * hour).toISOString(),
      receivedAt: new Date(now).toISOString(),
      features: { x: i },
    })),
  );
}

beforeEach(() => {
  vi.useFakeTimers({ now: start });
  logged.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('EventRetention', () => {
  it("prunes each monitor's events older than its retention once on start, then every interval", async () => {
    const events = new InMemoryEventStore();
    // 48 hourly events each: the newest is 1 h old, the oldest 48 h.
    await append(events, 'credit', 48, hour);
    await append(events, 'churn', 48, hour);
    await append(events, 'forever', 48, hour);
    const retention = new EventRetention({
      monitors: [{ name: 'credit', retentionMs: day }, { name: 'churn', retentionMs: 2 * day }, { name: 'forever' }],
      events,
      intervalMs: 6 * hour,
      logger,
    });
    retention.start();
    await vi.advanceTimersByTimeAsync(0);
    // Older than 24 h: the events 25 h … 48 h old (24 of them); churn keeps all 48 (the oldest is exactly 48 h).
    expect(await events.count('credit')).toBe(24);
    expect(await events.count('churn')).toBe(48);
    expect(await events.count('forever')).toBe(48);
    expect(logged).toEqual([
      { level: 'info', fields: { monitor: 'credit', removed: 24, before: '2026-02-28T00:00:00.000Z' }, msg: 'pruned old events' },
    ]);

    // Nothing more until the interval has passed.
    await vi.advanceTimersByTimeAsync(6 * hour - 1);
    expect(await events.count('credit')).toBe(24);
    await vi.advanceTimersByTimeAsync(1);
    // 6 h later: credit's events older than 24 h are those that were older than 18 h; churn's older than 48 h.
    expect(await events.count('credit')).toBe(18);
    expect(await events.count('churn')).toBe(42);
    await vi.advanceTimersByTimeAsync(6 * hour);
    expect(await events.count('credit')).toBe(12);
    expect(await events.count('forever')).toBe(48);

    await retention.stop();
    await vi.advanceTimersByTimeAsync(24 * hour);
    expect(await events.count('credit')).toBe(12);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a failed prune is logged and the next pass tries again; without any retention it arms no timer', async () => {
    const events = new InMemoryEventStore();
    await append(events, 'credit', 10, 2 * day);
    let failures = 1;
    const flaky: EventStore = Object.assign(Object.create(events) as EventStore, {
      prune: async (monitor: string, before: string) => {
        if (failures-- > 0) throw new Error('database is locked');
        return events.prune(monitor, before);
      },
    });
    const retention = new EventRetention({ monitors: [{ name: 'credit', retentionMs: day }], events: flaky, intervalMs: hour, logger });
    retention.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(await events.count('credit')).toBe(10);
    expect(logged.map((l) => [l.level, l.msg])).toEqual([['error', 'could not prune old events; trying again at the next pass']]);
    await vi.advanceTimersByTimeAsync(hour);
    expect(await events.count('credit')).toBe(0);
    await retention.stop();

    const none = new EventRetention({ monitors: [{ name: 'credit' }], events, intervalMs: hour, logger });
    expect(none.needed).toBe(false);
    none.start();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('drops whole partitions older than the longest retention first, when the store has them and every monitor has a retention', async () => {
    const events = new InMemoryEventStore();
    await append(events, 'credit', 10, 3 * day);
    const cutoffs: string[] = [];
    // The store's partitions seen as what they do: every monitor's events before the cutoff go at once.
    const partitioned: EventStore = Object.assign(Object.create(events) as EventStore, {
      prune: (monitor: string, before: string) => events.prune(monitor, before),
      dropPartitionsBefore: async (before: string) => {
        cutoffs.push(before);
        return (await events.prune('credit', before)) > 0 ? 1 : 0;
      },
    });
    const both = new EventRetention({
      monitors: [
        { name: 'credit', retentionMs: day },
        { name: 'churn', retentionMs: 2 * day },
      ],
      events: partitioned,
      intervalMs: hour,
      logger,
    });
    expect(await both.prune()).toEqual({ credit: 0, churn: 0 });
    expect(cutoffs).toEqual(['2026-02-27T00:00:00.000Z']);
    expect(await events.count('credit')).toBe(0);
    expect(logged[0]).toEqual({
      level: 'info',
      fields: { partitions: 1, before: '2026-02-27T00:00:00.000Z' },
      msg: 'dropped old event partitions',
    });

    // A monitor that keeps its events forever keeps every partition: only row-by-row prunes.
    const keeper = new EventRetention({
      monitors: [{ name: 'credit', retentionMs: day }, { name: 'forever' }],
      events: partitioned,
      intervalMs: hour,
      logger,
    });
    await keeper.prune();
    expect(cutoffs).toHaveLength(1);
  });
});
