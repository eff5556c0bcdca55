import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricPoint } from '@driftwatch/core';
import { FolderModelRegistry } from '@driftwatch/plugin-local';
import { monitorRunnerToken } from '@driftwatch/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bearer, type Fixture, fixture, fixtureServer } from '../../__tests__/serverFixture.js';
import {
  attemptSchema,
  modelDetailSchema,
  modelSummarySchema,
  monitorDetailSchema,
  monitorOverviewSchema,
  runRecordSchema,
  runSummarySchema,
  storedAlertSchema,
  storedSeriesSchema,
} from '../../http/apiSchemas.js';

let f: Fixture;
let app: Awaited<ReturnType<typeof fixtureServer>>['app'];
const runIds: string[] = [];

beforeAll(async () => {
  f = await fixture();
  ({ app } = await fixtureServer(f));
  const runner = f.container.get(monitorRunnerToken);
  const [customers, steady] = f.loaded.config.monitors;
  for (let i = 0; i < 3; i++) runIds.push((await runner.run(customers!, 0)).runId);
  await runner.run(steady!, 1);
});
afterAll(async () => {
  await app?.close();
});

const get = async (url: string, scope: 'read' | 'admin' = 'read') => {
  const r = await app.inject({ url, headers: bearer(scope) });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const until = async (check: () => Promise<boolean>, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('monitors and runs', () => {
  it('lists every monitor with its status, last run and sparkline', async () => {
    const body = z.object({ monitors: z.array(monitorOverviewSchema) }).parse(await get('/api/v1/monitors'));
    expect(body.monitors.map((m) => [m.name, m.status])).toEqual([
      ['customers', 'drift'],
      ['steady', 'ok'],
    ]);
    const customers = body.monitors[0]!;
    expect(customers.lastRun?.id).toBe(runIds[2]);
    expect(customers.sparkline).toHaveLength(3);
    expect(customers.driftShare).toBeGreaterThan(0);
    // The share is the run's own figure: drifted / tested columns.
    expect(customers.driftShare).toBeCloseTo((customers.lastRun?.driftedColumns ?? 0) / (customers.lastRun?.columns ?? 1), 12);
    expect(body.monitors[1]!.driftShare).toBe(0);
  });

  it('one monitor: columns with kinds and roles, config summary; 404 for an unknown one', async () => {
    const { monitor } = z.object({ monitor: monitorDetailSchema }).parse(await get('/api/v1/monitors/customers'));
    expect(monitor.columns).toEqual([
      { name: 'id', kind: 'numeric', role: 'id' },
      { name: 'age', kind: 'numeric' },
      { name: 'city', kind: 'categorical' },
      { name: 'member', kind: 'boolean' },
      { name: 'label', kind: 'numeric', role: 'target' },
      { name: 'pred', kind: 'numeric', role: 'prediction' },
    ]);
    expect(monitor.config).toMatchObject({ retraining: true, alerts: ['share'], sinks: 0 });
    const missing = await app.inject({ url: '/api/v1/monitors/nope', headers: bearer('read') });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({
      type: 'https://driftwatch.dev/problems/not-found',
      title: 'Not found',
      status: 404,
      instance: '/api/v1/monitors/nope',
    });
  });

  it('pages runs newest first with a cursor', async () => {
    const page = z.object({ runs: z.array(runSummarySchema), nextCursor: z.string().optional() });
    const first = page.parse(await get('/api/v1/monitors/customers/runs?limit=2'));
    expect(first.runs.map((r) => r.id)).toEqual([runIds[2], runIds[1]]);
    expect(first.nextCursor).toBeDefined();
    const second = page.parse(await get(`/api/v1/monitors/customers/runs?limit=2&before=${first.nextCursor}`));
    expect(second.runs.map((r) => r.id)).toEqual([runIds[0]]);
    expect(second.nextCursor).toBeUndefined();
    const bad = await app.inject({ url: '/api/v1/monitors/customers/runs?limit=0', headers: bearer('read') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ type: 'https://driftwatch.dev/problems/validation', errors: [{ path: 'limit' }] });
    expect((await app.inject({ url: '/api/v1/monitors/customers/runs?before=zzz', headers: bearer('read') })).statusCode).toBe(400);
  });

  it('one run with its full result; 404 for an unknown id', async () => {
    const { run } = z.object({ run: runRecordSchema }).parse(await get(`/api/v1/runs/${runIds[0]}`));
    expect(run.status).toBe('drift');
    expect(run.result).toMatchObject({ runId: runIds[0], monitor: 'customers', status: 'drift', drift: { dataset: { drifted: true } } });
    expect((await app.inject({ url: '/api/v1/runs/nope', headers: bearer('read') })).statusCode).toBe(404);
  });

  it('POST a run: 202, 409 while it runs, then it is recorded', async () => {
    const first = await app.inject({ method: 'POST', url: '/api/v1/monitors/steady/runs', headers: bearer('admin') });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ status: 'started' });
    const second = await app.inject({ method: 'POST', url: '/api/v1/monitors/steady/runs', headers: bearer('admin') });
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toBe('monitor "steady" is already running');
    await until(async () => (await f.store.listRuns({ monitor: 'steady' })).filter((r) => r.status === 'ok').length === 2);
  });
});

describe('series, alerts, attempts', () => {
  it('series: one metric, dim.* filters, time range, downsampled to maxPoints', async () => {
    const points: MetricPoint[] = [];
    for (let h = 0; h < 10; h++)
      for (const feature of ['age', 'city'])
        points.push({
          name: 'drift.statistic',
          value: h + (feature === 'age' ? 0 : 100),
          unit: 'None',
          timestamp: new Date(Date.UTC(2026, 0, 1, h)).toISOString(),
          dimensions: { monitor: 'customers', feature },
          runId: `r${h}`,
        });
    await f.store.series().append(points);
    const { series } = z
      .object({ series: z.array(storedSeriesSchema) })
      .parse(
        await get(
          '/api/v1/series?name=drift.statistic&monitor=customers&dim.feature=age&from=2026-01-01T02:00:00Z&to=2026-01-01T08:00:00Z&maxPoints=3',
        ),
      );
    expect(series).toHaveLength(1);
    expect(series[0]!.dimensions).toEqual({ monitor: 'customers', feature: 'age' });
    // Hours 2..7 in 3 buckets of 2 hours: means 2.5, 4.5, 6.5.
    expect(series[0]!.points.map((p) => [p.value, p.min, p.max, p.count])).toEqual([
      [2.5, 2, 3, 2],
      [4.5, 4, 5, 2],
      [6.5, 6, 7, 2],
    ]);
    const both = await get('/api/v1/series?name=drift.statistic&dim.monitor=customers');
    expect(both.series.map((s: { dimensions: { feature: string } }) => s.dimensions.feature).sort()).toEqual(['age', 'city']);
    // The runs above stored their points: the dataset drift share of each, oldest first.
    const share = (await get('/api/v1/series?name=dataset.drift_share&monitor=customers')).series as { points: { value: number }[] }[];
    expect(share).toHaveLength(1);
    const recorded = await Promise.all(
      runIds.map(async (id) => ((await f.store.getRun(id))!.result as { drift: { dataset: { share: number } } }).drift.dataset.share),
    );
    expect(share[0]!.points.map((p) => p.value)).toEqual(recorded);
    const unknownParam = await app.inject({ url: '/api/v1/series?name=x&feature=age', headers: bearer('read') });
    expect(unknownParam.statusCode).toBe(400);
    expect(unknownParam.json().errors[0]).toEqual({ path: 'feature', message: 'unknown parameter (dimension filters are dim.<key>)' });
  });

  it('alerts newest first, by monitor and since', async () => {
    // The runs above fired the customers monitor's rule: the runner stored those alerts.
    const fired = (await get('/api/v1/alerts?monitor=customers')).alerts as { rule: string; runId: string }[];
    expect(fired.map((a) => a.rule)).toEqual(['share', 'share', 'share']);
    expect(fired.map((a) => a.runId)).toEqual([...runIds].reverse());
    // The steady monitor has no rule: these are stored by hand.
    const base = {
      rule: 'manual',
      severity: 'warning' as const,
      metric: 'dataset.drift_share',
      value: 0.5,
      threshold: 0.1,
      comparison: 'gte' as const,
    };
    await f.store.alerts().append([
      { ...base, monitor: 'steady', message: 'old', timestamp: '2026-02-01T00:00:00.000Z', runId: 'a' },
      { ...base, monitor: 'steady', message: 'new', timestamp: '2026-02-03T00:00:00.000Z', runId: 'b' },
      { ...base, monitor: 'steady', message: 'older', timestamp: '2026-01-02T00:00:00.000Z', runId: 'c' },
    ] as never);
    const { alerts } = z
      .object({ alerts: z.array(storedAlertSchema) })
      .parse(await get('/api/v1/alerts?monitor=steady&since=2026-01-15T00:00:00Z'));
    expect(alerts.map((a) => a.message)).toEqual(['new', 'old']);
    expect((await get('/api/v1/alerts?monitor=steady&limit=1')).alerts.map((a: { message: string }) => a.message)).toEqual(['new']);
  });

  it('POST retrain: 202, then the attempt with every transition (its trainer fails here)', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/models/churn/retrain',
      headers: bearer('admin'),
      payload: { reason: 'test' },
    });
    expect(r.statusCode, r.body).toBe(202);
    await until(async () =>
      (await get('/api/v1/retraining/attempts?model=churn')).attempts.some((a: { state: string }) => a.state === 'failed'),
    );
    const { attempts } = z.object({ attempts: z.array(attemptSchema) }).parse(await get('/api/v1/retraining/attempts?model=churn&limit=1'));
    expect(attempts).toHaveLength(1);
    const states = attempts[0]!.transitions.map((t) => t.to);
    expect(states[0]).toBe('triggered');
    expect(states.at(-1)).toBe('failed');
    expect(states).toContain('training');
    expect((await get('/api/v1/retraining/attempts?model=other')).attempts).toEqual([]);
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/models/nope/retrain', headers: bearer('admin'), payload: {} });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('models', () => {
  it('lists versions and champion; promote and rollback go through the deployer', async () => {
    const registry = new FolderModelRegistry(join(f.dir, '.driftwatch/models'));
    for (const v of ['a', 'b']) {
      writeFileSync(join(f.dir, `model-${v}.bin`), v);
      await registry.register({ model: 'churn', artifactUri: join(f.dir, `model-${v}.bin`), metadata: {}, key: v });
    }
    const versions = (await registry.list('churn')).map((v) => v.version);
    expect(versions).toHaveLength(2);
    const listed = z.object({ models: z.array(modelSummarySchema) }).parse(await get('/api/v1/models'));
    expect(listed.models).toEqual([{ name: 'churn', monitors: ['customers'], registry: 'folder', versions: 2 }]);

    const promote = async (version: string) => {
      const r = await app.inject({ method: 'POST', url: '/api/v1/models/churn/promote', headers: bearer('admin'), payload: { version } });
      expect(r.statusCode, r.body).toBe(200);
      return z.object({ model: modelDetailSchema }).parse(r.json()).model;
    };
    expect((await promote(versions[0]!)).champion?.version).toBe(versions[0]);
    const second = await promote(versions[1]!);
    expect(second.champion?.version).toBe(versions[1]);
    expect(second.versions.map((v) => v.status)).toEqual(['retired', 'champion']);
    const back = await app.inject({ method: 'POST', url: '/api/v1/models/churn/rollback', headers: bearer('admin'), payload: {} });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().model.champion.version).toBe(versions[0]);
    expect((await registry.champion('churn'))?.version).toBe(versions[0]);

    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/models/churn/promote',
      headers: bearer('admin'),
      payload: { version: 'zz' },
    });
    expect(missing.statusCode).toBe(404);
    const detail = await get('/api/v1/models/churn');
    expect(detail.model.versions).toHaveLength(2);
    expect((await app.inject({ url: '/api/v1/models/nope', headers: bearer('read') })).statusCode).toBe(404);
  });
});

describe('problems and the OpenAPI document', () => {
  it('unknown routes are 404 and wrong methods 405, as problem+json', async () => {
    const nf = await app.inject({ url: '/api/v1/nothing' });
    expect(nf.statusCode).toBe(404);
    expect(nf.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(nf.json()).toEqual({
      type: 'https://driftwatch.dev/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'no route GET /api/v1/nothing',
      instance: '/api/v1/nothing',
    });
    const wrong = await app.inject({ method: 'DELETE', url: '/api/v1/monitors' });
    expect(wrong.statusCode).toBe(405);
  });

  it('documents every route with its scope and schemas in OpenAPI 3.1', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(
      doc.paths as Record<
        string,
        Record<string, { 'x-scope'?: string; parameters?: { name: string }[]; requestBody?: { content: Record<string, unknown> } }>
      >,
    ).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));
    const scopes = Object.fromEntries(operations.map(({ key, op }) => [key, op['x-scope'] ?? null]));
    expect(scopes).toEqual({
      'GET /healthz': null,
      'GET /readyz': null,
      'GET /openapi.json': null,
      'POST /api/v1/session': null,
      'GET /api/v1/session': 'authenticated',
      'DELETE /api/v1/session': 'authenticated',
      'GET /api/v1/monitors': 'read',
      'GET /api/v1/monitors/{monitor}': 'read',
      'GET /api/v1/monitors/{monitor}/runs': 'read',
      'POST /api/v1/monitors/{monitor}/runs': 'admin',
      'GET /api/v1/runs/{id}': 'read',
      'GET /api/v1/series': 'read',
      'GET /api/v1/alerts': 'read',
      'GET /api/v1/retraining/attempts': 'read',
      'GET /api/v1/models': 'read',
      'GET /api/v1/models/{model}': 'read',
      'POST /api/v1/models/{model}/retrain': 'admin',
      'POST /api/v1/models/{model}/promote': 'admin',
      'POST /api/v1/models/{model}/rollback': 'admin',
      'POST /api/v1/monitors/{monitor}/events': 'ingest',
      'POST /api/v1/monitors/{monitor}/labels': 'ingest',
      'GET /metrics': 'read',
    });
    const runs = operations.find((o) => o.key === 'GET /api/v1/monitors/{monitor}/runs')!.op;
    expect(runs.parameters?.map((p) => p.name)).toEqual(['monitor', 'limit', 'before']);
    const events = operations.find((o) => o.key === 'POST /api/v1/monitors/{monitor}/events')!.op;
    expect(Object.keys(events.requestBody!.content)).toEqual(['application/json', 'application/x-ndjson']);
  });
});
