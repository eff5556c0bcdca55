import type { MetricPoint, MetricsSink } from '@driftwatch/core';
import { InMemoryMetricsSink, InMemoryRunStore } from '@driftwatch/core/testing';
import { describe, expect, it } from 'vitest';
import { deliverToSink } from './deliverToSink.js';
import { defaultSinkDeliveryOptions, type SinkDeliveryOptions } from './SinkDeliveryOptions.js';

const day = 86_400_000;
const now = Date.parse('2026-12-01T00:00:00.000Z');
const point = (name: string, daysAgo: number, runId: string): MetricPoint => ({
  name,
  value: 1,
  unit: 'None',
  timestamp: new Date(now - daysAgo * day).toISOString(),
  dimensions: { monitor: 'm' },
  runId,
});

function setup(overrides: Partial<SinkDeliveryOptions> = {}) {
  const warnings: string[] = [];
  const options: SinkDeliveryOptions = { ...defaultSinkDeliveryOptions, now: () => now, warn: (m) => warnings.push(m), ...overrides };
  return { warnings, options, store: new InMemoryRunStore({ now: () => now }) };
}

/** A sink like CloudWatch's: it accepts points up to 14 days old. */
class TwoWeekSink extends InMemoryMetricsSink {
  readonly maxPointAgeMs = 14 * day;
}

describe('deliverToSink', () => {
  it('drops outbox points older than the sink accepts, with a warning naming the sink, and sends the rest first', async () => {
    const { warnings, options, store } = setup();
    const sink = new TwoWeekSink('cloudwatch');
    await store.outbox('cw').add([point('old', 20, 'r1'), point('recent', 3, 'r1')]);
    const { delivery, failure } = await deliverToSink(
      { path: 'sinks[1]', name: 'cloudwatch', key: 'cw', provider: sink },
      [point('new', 0, 'r2')],
      store,
      'r2',
      options,
    );
    expect(failure).toBeUndefined();
    expect(delivery).toEqual({ sink: 'sinks[1]', type: 'cloudwatch', sent: 2, fromOutbox: 1, pending: 0, dropped: 1, lost: 0 });
    expect(sink.points.map((p) => p.name)).toEqual(['recent', 'new']);
    expect(warnings).toEqual(['sink sinks[1] (cloudwatch): dropped 1 outbox point(s) older than 2w, which cloudwatch no longer accepts']);
    expect(store.outbox('cw').points).toEqual([]);
    expect(store.locks.size).toBe(0);
  });

  it('while another process drains the outbox, sends only the new points and leaves the outbox to it', async () => {
    const { options, store, warnings } = setup();
    const sink = new InMemoryMetricsSink('jsonl');
    await store.outbox('j').add([point('waiting', 1, 'r1')]);
    await store.acquireLock('outbox-j', 'someone-else', 60_000);
    const { delivery } = await deliverToSink(
      { path: 'sinks[0]', name: 'jsonl', key: 'j', provider: sink },
      [point('new', 0, 'r2')],
      store,
      'r2',
      options,
    );
    expect(delivery).toMatchObject({ sent: 1, fromOutbox: 0, pending: 0 });
    expect(sink.points.map((p) => p.name)).toEqual(['new']);
    expect(store.outbox('j').points.map((p) => p.name)).toEqual(['waiting']);
    expect(store.locks.get('outbox-j')?.owner).toBe('someone-else');
    expect(warnings).toEqual([
      'sink sinks[0] (jsonl): another process is sending its outbox (lock "outbox-j"); sending this run\'s points only',
    ]);
  });

  it('a sink that outlives the deadline is told to discard its queue; every point waits in the outbox', async () => {
    const { options, store } = setup({ timeoutMs: 20 });
    let discarded = 0;
    const hung: MetricsSink = {
      type: 'hung',
      publish: () => new Promise(() => {}),
      flush: async () => {},
      discard: () => {
        discarded += 1;
      },
    };
    const { delivery, failure } = await deliverToSink(
      { path: 'sinks[0]', name: 'hung', key: 'h', provider: hung },
      [point('a', 0, 'r')],
      store,
      'r',
      options,
    );
    expect(failure).toBe(
      'hung publish did not finish within 20ms; abandoned; 1 point(s) kept in the outbox for the next run or "driftwatch sinks flush"',
    );
    expect(delivery).toMatchObject({ sent: 0, pending: 1, lost: 0 });
    expect(discarded).toBe(1);
    expect(store.outbox('h').points.map((p) => p.name)).toEqual(['a']);
  });

  it("an outbox the store cannot read or write is the sink's failure (points counted lost), never a throw", async () => {
    const { warnings, options, store } = setup();
    const broken = Object.assign(store, {
      outbox: () => ({
        add: async () => {
          throw new Error('EROFS: read-only file system');
        },
        pending: async () => {
          throw new Error('EACCES: permission denied');
        },
        settle: async () => {},
      }),
    });
    const failing: MetricsSink = {
      type: 'flaky',
      publish: async () => {},
      flush: async () => {
        throw new Error('503');
      },
    };
    const { delivery, failure } = await deliverToSink(
      { path: 'sinks[0]', name: 'flaky', key: 'f', provider: failing },
      [point('a', 0, 'r')],
      broken,
      'r',
      options,
    );
    expect(warnings).toEqual(["sink sinks[0] (flaky): cannot read its outbox; sending this run's points only: EACCES: permission denied"]);
    expect(failure).toBe('503; its outbox could not be written (EROFS: read-only file system)');
    expect(delivery).toMatchObject({ sent: 0, pending: 0, lost: 1 });
    expect(store.locks.size).toBe(0);
  });
});
