import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armSlowSink, type Fixture, fixture, slowSinkPoints, slowSinkStarted, tokens } from './__tests__/serverFixture.js';
import { createServerLogger } from './createServerLogger.js';
import { type ServeResult, serve } from './serve.js';

// The server listening on loopback, spoken to over real HTTP (fetch): every route by scope, bad
// batches, 413, idempotency, rate limits, and a graceful stop while a run is in flight.

let f: Fixture;
let server: ServeResult;
const log: string[] = [];

beforeAll(async () => {
  f = await fixture(
    `sinks: [{ type: slow, delayMs: 1500 }]
server: { port: 0, shutdownTimeout: 20s, ingest: { maxBytes: 2KB, maxEvents: 50 }, rateLimit: { ingestPerMinute: 40 } }
`,
  );
  const destination = new Writable({
    write(chunk, _e, done) {
      log.push(String(chunk));
      done();
    },
  });
  server = await serve({ loaded: f.loaded, container: f.container, logger: createServerLogger({ level: 'debug', destination }) });
});
afterAll(async () => {
  await server?.stop();
});

const call = (method: string, path: string, init: { token?: keyof typeof tokens; body?: unknown; headers?: Record<string, string> } = {}) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(init.token ? { authorization: `Bearer ${tokens[init.token]}` } : {}),
      ...(init.body !== undefined && typeof init.body !== 'string' ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
  });

const routes: [string, string, 'read' | 'ingest' | 'admin', unknown?][] = [
  ['GET', '/api/v1/monitors', 'read'],
  ['GET', '/api/v1/monitors/steady', 'read'],
  ['GET', '/api/v1/monitors/steady/runs?limit=5', 'read'],
  ['GET', '/api/v1/runs/none', 'read'],
  ['GET', '/api/v1/series?name=drift.statistic&dim.feature=age', 'read'],
  ['GET', '/api/v1/alerts?limit=3', 'read'],
  ['GET', '/api/v1/retraining/attempts', 'read'],
  ['GET', '/api/v1/models', 'read'],
  ['GET', '/api/v1/models/churn', 'read'],
  ['GET', '/metrics', 'read'],
  ['POST', '/api/v1/monitors/steady/events', 'ingest', []],
  ['POST', '/api/v1/monitors/steady/labels', 'ingest', []],
  ['POST', '/api/v1/models/churn/promote', 'admin', { version: 'none' }],
  ['POST', '/api/v1/models/churn/rollback', 'admin', {}],
  ['POST', '/api/v1/models/churn/retrain', 'admin', { monitor: 'nope' }],
];
const allowed = { read: ['read', 'admin'], ingest: ['ingest', 'admin'], admin: ['admin'] } as const;

describe('a listening server', () => {
  it('answers health, readiness and the OpenAPI document without a token', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await call('GET', '/healthz')).json()).toEqual({ status: 'ok' });
    expect(await (await call('GET', '/readyz')).json()).toEqual({ status: 'ready' });
    expect(((await (await call('GET', '/openapi.json')).json()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  it.each(routes)('%s %s: 401 without a token, 403 without scope %s, through with it', async (method, path, scope, body) => {
    const none = await call(method, path, { body });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="driftwatch"');
    for (const token of ['read', 'ingest', 'admin'] as const) {
      const r = await call(method, path, { token, body });
      const text = await r.text();
      if ((allowed[scope] as readonly string[]).includes(token)) expect([200, 202, 400, 404], `${token}: ${text}`).toContain(r.status);
      else expect(r.status, `${token}: ${text}`).toBe(403);
    }
  });

  it('ingests over HTTP: a bad batch is one 400, 413 past the size limit, a retried batch is stored once', async () => {
    const bad = await call('POST', '/api/v1/monitors/steady/events', {
      token: 'ingest',
      body: '{"features":{"age":1}}\n{"features":{"age":"x"}}',
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: unknown }).errors).toEqual([
      { index: 1, line: 2, field: 'features.age', message: 'expected a number or null, got "x"' },
    ]);
    const big = await call('POST', '/api/v1/monitors/steady/events', { token: 'ingest', body: [{ features: { city: 'x'.repeat(3000) } }] });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const batch = [
      { id: 'h1', features: { age: 30 } },
      { id: 'h2', features: { age: 31 } },
    ];
    const first = await call('POST', '/api/v1/monitors/steady/events', {
      token: 'ingest',
      body: batch,
      headers: { 'idempotency-key': 'http-1' },
    });
    expect(await first.json()).toEqual({ stored: 2, duplicate: false });
    const again = await call('POST', '/api/v1/monitors/steady/events', {
      token: 'ingest',
      body: batch,
      headers: { 'idempotency-key': 'http-1' },
    });
    expect(await again.json()).toEqual({ stored: 0, duplicate: true });
    expect(await f.store.events().count('steady')).toBe(2);
  });

  it('rate-limits ingestion per token: 429 with Retry-After', async () => {
    let status = 0;
    let retryAfter: string | null = null;
    for (let i = 0; i < 60 && status !== 429; i++) {
      const r = await call('POST', '/api/v1/monitors/customers/labels', { token: 'admin', body: [] });
      status = r.status;
      retryAfter = r.headers.get('retry-after');
      await r.arrayBuffer();
    }
    expect(status).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Another token has its own budget.
    expect((await call('POST', '/api/v1/monitors/customers/labels', { token: 'ingest', body: [] })).status).toBe(202);
  });

  it('never logs a token', () => {
    const text = log.join('');
    expect(text).toContain('incoming request');
    for (const token of Object.values(tokens)) expect(text).not.toContain(token);
  });

  it('stops gracefully while a run is in flight: the run finishes and is recorded, its points reach the sink, new work is refused', async () => {
    armSlowSink();
    const started = await call('POST', '/api/v1/monitors/customers/runs', { token: 'admin' });
    expect(started.status).toBe(202);
    await slowSinkStarted;
    const pointsBefore = slowSinkPoints.length;
    const stopping = server.stop();
    expect(server.app.dw.state.stopping).toBe(true);
    const inTime = await stopping;
    expect(inTime).toBe(true);
    const [run] = await f.store.listRuns({ monitor: 'customers', limit: 1 });
    expect(run?.status).toBe('drift');
    expect(slowSinkPoints.length).toBeGreaterThan(pointsBefore);
    expect(slowSinkPoints.every((p) => p.runId === run?.id)).toBe(true);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

describe('a stop whose deadline passes', () => {
  it('records the run it could not finish as interrupted, and the run, aborted, never overwrites that when its sink returns', async () => {
    // The sink outlives the deadline (100 ms) and the abort grace (1 s), then returns: the aborted run must stop there.
    const g = await fixture('sinks: [{ type: slow, delayMs: 1800 }]\nserver: { port: 0, shutdownTimeout: 100ms }\n');
    const s = await serve({ loaded: g.loaded, container: g.container, logger: createServerLogger({ level: 'silent' }) });
    armSlowSink();
    const pointsBefore = slowSinkPoints.length;
    expect(s.scheduler.trigger('steady')).toBe('started');
    await slowSinkStarted;
    expect(await s.stop()).toBe(false);
    const [run] = await g.store.listRuns({ monitor: 'steady', limit: 1 });
    expect(run?.status).toBe('interrupted');
    // The run holds the monitor's lock until it has recorded its end.
    const deadline = Date.now() + 10_000;
    while (!(await g.store.acquireLock('monitor-steady', 'probe', 60_000))) {
      if (Date.now() > deadline) throw new Error('the aborted run never ended');
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(slowSinkPoints.length).toBeGreaterThan(pointsBefore);
    const after = await g.store.listRuns({ monitor: 'steady', limit: 5 });
    expect(after.map((r) => [r.id, r.status])).toEqual([[run!.id, 'interrupted']]);
    expect(await g.store.series().latest({ monitor: 'steady' })).toEqual([]);
  });
});

describe('event retention', () => {
  it("prunes each monitor's old events when the server starts, without a run, and stops its timer on stop", async () => {
    const g = await fixture('server: { port: 0, retentionInterval: 1h }\n', { monitorExtra: '    events: { retention: 2d }\n' });
    const now = Date.now();
    const at = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString();
    const events = [0.5, 1, 3, 5].map((daysAgo, i) => ({ id: `e${i}`, timestamp: at(daysAgo), receivedAt: at(0), features: { age: i } }));
    await g.store.events().appendEvents('customers', events);
    await g.store.events().appendEvents('steady', events);
    const s = await serve({ loaded: g.loaded, container: g.container, logger: createServerLogger({ level: 'silent' }) });
    try {
      const deadline = Date.now() + 10_000;
      while ((await g.store.events().count('customers')) !== 2) {
        if (Date.now() > deadline) throw new Error('the old events were never pruned');
        await new Promise((r) => setTimeout(r, 20));
      }
      expect((await g.store.events().read('customers', { from: at(10), to: at(-1) })).map((e) => e.id).sort()).toEqual(['e0', 'e1']);
      // steady has no retention: it keeps its events.
      expect(await g.store.events().count('steady')).toBe(4);
      expect(await g.store.listRuns()).toEqual([]);
    } finally {
      await s.stop();
    }
  });
});

describe('/metrics with server.metrics.public', () => {
  it('answers a scraper without a token over HTTP (the API still needs one); without it, the route table above gets 401', async () => {
    const g = await fixture('server: { port: 0, metrics: { public: true } }\n');
    const s = await serve({ loaded: g.loaded, container: g.container, logger: createServerLogger({ level: 'silent' }) });
    try {
      const open = await fetch(`${s.url}/metrics`);
      expect(open.status).toBe(200);
      expect(open.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(await open.text()).toMatch(/^driftwatch_process_resident_memory_bytes \d+$/m);
      expect((await fetch(`${s.url}/api/v1/monitors`)).status).toBe(401);
    } finally {
      await s.stop();
    }
  });
});
