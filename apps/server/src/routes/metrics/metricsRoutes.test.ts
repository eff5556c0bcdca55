import { configuredSinksToken, monitorRunnerToken } from '@driftwatch/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type Fixture, fixture, fixtureServer } from '../../__tests__/serverFixture.js';

let f: Fixture;
let app: Awaited<ReturnType<typeof fixtureServer>>['app'];

beforeAll(async () => {
  f = await fixture('sinks: [{ type: slow, delayMs: 0 }]\nserver: { metrics: { public: true, maxSeries: 2 } }\n');
  ({ app } = await fixtureServer(f));
});
afterAll(async () => {
  await app?.close();
});

describe('/metrics', () => {
  it('is public when configured, and exports the stored series, the drop count, ingestion and HTTP counters and process defaults', async () => {
    await f.store.series().append(
      ['age', 'city', 'member'].map((feature, i) => ({
        name: 'drift.statistic',
        value: i / 10,
        unit: 'None' as const,
        timestamp: '2026-01-01T00:00:00.000Z',
        dimensions: { monitor: 'customers', feature, method: 'ks' },
        runId: 'r1',
      })),
    );
    await app.inject({
      method: 'POST',
      url: '/api/v1/monitors/customers/events',
      headers: bearer('ingest'),
      payload: [{ features: { age: 3 } }, { features: { age: 4 } }],
    });
    const r = await app.inject({ url: '/metrics' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const lines = r.body.split('\n');
    expect(lines.filter((l) => l.startsWith('driftwatch_drift_statistic'))).toEqual([
      'driftwatch_drift_statistic{feature="age",method="ks",monitor="customers"} 0',
      'driftwatch_drift_statistic{feature="city",method="ks",monitor="customers"} 0.1',
    ]);
    expect(lines).toContain('driftwatch_metrics_dropped_series{metric="driftwatch_drift_statistic"} 1');
    expect(lines).toContain('driftwatch_ingested_records_total{monitor="customers",kind="events"} 2');
    expect(lines).toContain('driftwatch_ingest_batches_total{monitor="customers",kind="events",outcome="stored"} 1');
    expect(lines.some((l) => l.startsWith('driftwatch_process_resident_memory_bytes '))).toBe(true);
    expect(
      lines.some((l) =>
        l.startsWith('driftwatch_http_requests_total{method="POST",route="/api/v1/monitors/:monitor/events",status="202"} 1'),
      ),
    ).toBe(true);
  });

  it('counts runs by status with their durations', async () => {
    const runner = f.container.get(monitorRunnerToken);
    const result = await runner.run(f.loaded.config.monitors[0]!, 0);
    app.dw.metrics.recordRun('customers', result.status, 0.2);
    const body = (await app.inject({ url: '/metrics' })).body;
    expect(body).toContain('driftwatch_runs_total{monitor="customers",status="drift"} 1');
    expect(body).toContain('driftwatch_run_duration_seconds_count{monitor="customers"} 1');
  });
});

describe('/metrics outbox', () => {
  it('reports the points waiting in each sink outbox', async () => {
    const [sink] = f.container.get(configuredSinksToken);
    const points = [1, 2, 3].map((i) => ({
      name: 'drift.score',
      value: i,
      unit: 'None' as const,
      timestamp: new Date(Date.now() - i * 1000).toISOString(),
      dimensions: { monitor: 'customers' },
      runId: `r${i}`,
    }));
    await f.store.outbox(sink!.key!).add(points);
    const body = (await app.inject({ url: '/metrics' })).body;
    expect(body).toContain('driftwatch_outbox_points{sink="sinks[0]"} 3');
  });
});

describe('/metrics by default', () => {
  it('needs the read scope', async () => {
    const g = await fixture();
    const { app: closed } = await fixtureServer(g);
    try {
      expect((await closed.inject({ url: '/metrics' })).statusCode).toBe(401);
      expect((await closed.inject({ url: '/metrics', headers: bearer('ingest') })).statusCode).toBe(403);
      expect((await closed.inject({ url: '/metrics', headers: bearer('read') })).statusCode).toBe(200);
    } finally {
      await closed.close();
    }
  });
});
