import { createServer } from 'node:net';
import type { MetricPoint } from '@driftwatch/core';
import { InMemoryLogger, ManualClock, testProviderContext } from '@driftwatch/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GcpAlertPolicyManager } from '../alerts/GcpAlertPolicyManager.js';
import plugin from '../gcpMonitoringPlugin.js';
import type { GcpMetricsSink } from '../sink/GcpMetricsSink.js';
import { MetricDescriptorRegistry } from '../sink/MetricDescriptorRegistry.js';
import { FakeMonitoringServer } from './index.js';

// The providers as a config makes them (options through the plugin's schemas, no client options from code),
// pointed at the local server with `apiEndpoint: host:port` and `plaintext: true`, as the README says.
const provider = (port: string) => plugin.providers.find((p) => p.port === port && p.type === 'gcp-monitoring')!;
// No Google credentials anywhere: plaintext must not need them.
// The points below are from 2026-03-01 10:00: the server and the providers agree it is 12:00 that day.
let clock: ManualClock;
let logger: InMemoryLogger;
let context: ReturnType<typeof testProviderContext>;

let server: FakeMonitoringServer;
const open: { shutdown(): Promise<void> }[] = [];
beforeEach(async () => {
  clock = new ManualClock({ start: Date.parse('2026-03-01T12:00:00Z') });
  logger = new InMemoryLogger();
  context = testProviderContext({ baseDir: '.', env: {}, clock, logger });
  MetricDescriptorRegistry.reset();
  server = await FakeMonitoringServer.start({ now: () => clock.now() });
});
afterEach(async () => {
  for (const p of open.splice(0)) await p.shutdown();
  await server.stop();
});

async function create<T extends { shutdown(): Promise<void> }>(port: string, options: object): Promise<T> {
  const p = provider(port);
  const made = (await p.create(p.options.parse(options), context)) as unknown as T;
  open.push(made);
  return made;
}

const points: MetricPoint[] = [
  {
    name: 'drift.score',
    value: 0.2,
    unit: 'None',
    timestamp: '2026-03-01T10:00:00Z',
    dimensions: { monitor: 'credit', feature: 'age', method: 'ks', measure: 'p_value' },
  },
  { name: 'dataset.drift_share', value: 0.5, unit: 'None', timestamp: '2026-03-01T10:00:00Z', dimensions: { monitor: 'credit' } },
];

describe('the local Cloud Monitoring server of ./testing, reached by apiEndpoint host:port in plaintext', () => {
  it("takes the sink's points and the alarm manager's policies", async () => {
    expect(server.endpoint).toBe(`127.0.0.1:${server.port}`);
    const options = { projectId: 'local-project', apiEndpoint: server.endpoint, plaintext: true, retry: { codes: [] } };
    const sink = await create<GcpMetricsSink>('MetricsSink', options);
    await sink.publish(points);
    await sink.flush();
    expect(server.series.size).toBe(2);
    expect(server.requests('CreateTimeSeries')[0].name).toBe('projects/local-project');

    // The sink reads the context's clock and warns through its logger: a day later these points are too old.
    clock.advance(24 * 3_600_000);
    await sink.publish(points);
    await sink.flush();
    expect(server.requests('CreateTimeSeries')).toHaveLength(1);
    expect(logger.entries.map((e) => [e.level, e.msg])).toEqual([
      [
        'warn',
        'gcp-monitoring: dropped 2 of 2 point(s) Cloud Monitoring would reject: 2 older than 25 hours (Cloud Monitoring takes no older point)',
      ],
    ]);

    const alarms = await create<GcpAlertPolicyManager>('AlarmManager', options);
    const result = await alarms.sync(
      [{ name: 'share', metric: 'dataset.drift_share', comparison: 'gt', threshold: 0.4, severity: 'warning' }],
      { monitor: 'credit' },
    );
    expect(result).toEqual({ created: ['share'], updated: [], unchanged: [], stale: [], deleted: [], pending: [] });
    expect(server.policies.size).toBe(1);
  });

  it('binds the port it is given, and providerOptions() are the options that reach it', async () => {
    const free = createServer();
    const port = await new Promise<number>((resolve) =>
      free.listen(0, '127.0.0.1', () => resolve((free.address() as { port: number }).port)),
    );
    await new Promise((resolve) => free.close(resolve));
    const fixed = await FakeMonitoringServer.start({ port, host: '127.0.0.1', now: () => clock.now() });
    try {
      expect(fixed.endpoint).toBe(`127.0.0.1:${port}`);
      expect(fixed.providerOptions('p-local')).toEqual({ projectId: 'p-local', apiEndpoint: fixed.endpoint, plaintext: true });
      const sink = await create<GcpMetricsSink>('MetricsSink', fixed.providerOptions('p-local'));
      await sink.publish(points.slice(1));
      await sink.flush();
      expect([...fixed.series.values()].map((s) => s.metric.type)).toEqual(['custom.googleapis.com/driftwatch/dataset/drift_share']);
    } finally {
      await fixed.stop();
    }
  });
});
