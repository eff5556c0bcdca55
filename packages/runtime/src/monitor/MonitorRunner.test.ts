import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Alert,
  type DeliveryResult,
  definePlugin,
  defineProvider,
  type Frame,
  InputError,
  type MetricPoint,
  type RunRecord,
  type RunStore,
  StateError,
} from '@driftwatch/core';
import { InMemoryMetricsSink, InMemoryRunStore } from '@driftwatch/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { csvSourceProvider } from '../__fixtures__/csvSourceProvider.js';
import { createContainer } from '../composition/createContainer.js';
import { monitorRunnerToken } from '../composition/serviceTokens.js';
import { validateConfig } from '../config/loadConfig.js';
import type { MonitorExtension } from './MonitorExtension.js';

/** A run store in memory, with a lock table, to observe what the runner records. */
class MemoryRunStore implements RunStore {
  readonly runs: RunRecord[] = [];
  readonly locks = new Map<string, string>();
  async saveRun(run: RunRecord) {
    this.runs.push(structuredClone(run));
  }
  async listRuns() {
    return [...this.runs].reverse();
  }
  async getRun(id: string) {
    return this.runs.find((r) => r.id === id);
  }
  async acquireLock(name: string, owner: string) {
    if (this.locks.has(name) && this.locks.get(name) !== owner) return false; // renewable by its owner, as the contract says
    this.locks.set(name, owner);
    return true;
  }
  async releaseLock(name: string, owner: string) {
    if (this.locks.get(name) === owner) this.locks.delete(name);
  }
  // Retraining attempts are not this test's subject: kept by core's in-memory store.
  readonly #attempts = new InMemoryRunStore();
  saveAttempt = this.#attempts.saveAttempt.bind(this.#attempts);
  outbox = this.#attempts.outbox.bind(this.#attempts);
  get outboxes() {
    return this.#attempts.outboxes;
  }
  getAttempt = this.#attempts.getAttempt.bind(this.#attempts);
  listAttempts = this.#attempts.listAttempts.bind(this.#attempts);
  series = this.#attempts.series.bind(this.#attempts);
  alerts = this.#attempts.alerts.bind(this.#attempts);
}

/** A channel answering from a script of results, recording what it was sent. */
class ScriptedChannel {
  readonly sent: Alert[] = [];
  constructor(
    readonly type: string,
    private readonly script: DeliveryResult[],
  ) {}
  async send(alert: Alert): Promise<DeliveryResult> {
    this.sent.push(alert);
    return this.script.shift() ?? { status: 'ok' };
  }
}

let dir: string;
let store: MemoryRunStore;
/** While true, the `flaky` sink's flush fails, naming the points it did not deliver. */
let flakyDown = false;
const sinks = new Map<string, InMemoryMetricsSink>();
/** The `gated` sink's publish: `opened` once it started, then it waits for `release`. */
const gate = (() => {
  const g = {
    points: [] as MetricPoint[],
    opened: () => {},
    started: Promise.resolve(),
    release: () => {},
    open: Promise.resolve(),
    reset() {
      g.points = [];
      g.started = new Promise<void>((r) => {
        g.opened = r;
      });
      g.open = new Promise<void>((r) => {
        g.release = r;
      });
    },
  };
  return g;
})();
const channels = new Map<string, ScriptedChannel>();

const testPlugin = definePlugin({
  name: 'test',
  providers: [
    csvSourceProvider,
    defineProvider({
      port: 'MetricsSink',
      type: 'memory',
      description: 'memory',
      options: z.object({ name: z.string() }).strict(),
      create: ({ name }) => {
        const sink = new InMemoryMetricsSink('memory');
        sinks.set(name, sink);
        return sink;
      },
    }),
    defineProvider({
      port: 'MetricsSink',
      type: 'broken',
      description: 'always fails',
      options: z.object({ message: z.string() }).strict(),
      create: ({ message }) => ({
        type: 'broken',
        publish: async () => {},
        flush: async () => {
          throw new Error(message);
        },
      }),
    }),
    defineProvider({
      port: 'MetricsSink',
      type: 'flaky',
      description: 'fails while flakyDown is true',
      options: z.object({ name: z.string() }).strict(),
      create: ({ name }) => {
        const sink = new InMemoryMetricsSink('flaky');
        sinks.set(name, sink);
        let queued: MetricPoint[] = [];
        return {
          type: 'flaky',
          publish: async (points: readonly MetricPoint[]) => {
            queued.push(...points);
          },
          flush: async () => {
            const batch = queued;
            queued = [];
            if (flakyDown) throw Object.assign(new Error('503 Service Unavailable'), { unpublished: batch });
            await sink.publish(batch);
            await sink.flush();
          },
          discard: () => {
            queued = [];
          },
        };
      },
    }),
    defineProvider({
      port: 'MetricsSink',
      type: 'hung',
      description: 'a publish that never settles',
      options: z.object({}).strict(),
      create: () => ({ type: 'hung', publish: () => new Promise<void>(() => {}), flush: async () => {} }),
    }),
    defineProvider({
      port: 'MetricsSink',
      type: 'gated',
      description: 'a publish that waits for the test to open its gate',
      options: z.object({}).strict(),
      create: () => ({
        type: 'gated',
        publish: async (points: readonly MetricPoint[]) => {
          gate.opened();
          await gate.open;
          gate.points.push(...points);
        },
        flush: async () => {},
      }),
    }),
    defineProvider({
      port: 'MetricsSink',
      type: 'slow-start',
      description: 'a start that never settles',
      options: z.object({}).strict(),
      create: () => ({ type: 'slow-start', start: () => new Promise<void>(() => {}), publish: async () => {}, flush: async () => {} }),
    }),
    defineProvider({
      port: 'AlertChannel',
      type: 'silent',
      description: 'a send that never settles',
      options: z.object({}).strict(),
      create: () => ({ type: 'silent', send: () => new Promise<DeliveryResult>(() => {}) }),
    }),
    defineProvider({
      port: 'AlertChannel',
      type: 'scripted',
      description: 'scripted',
      options: z.object({ results: z.array(z.enum(['ok', 'failed', 'retryable', 'retry-after'])).default([]) }).strict(),
      create: ({ results }) => {
        const channel = new ScriptedChannel(
          'scripted',
          results.map((r) =>
            r === 'retry-after' ? { status: 'retryable', retryAfterMs: 7000 } : { status: r, reason: r === 'ok' ? undefined : `said ${r}` },
          ),
        );
        channels.set(`c${channels.size}`, channel);
        return channel;
      },
    }),
    defineProvider({ port: 'RunStore', type: 'memory', description: 'memory', options: z.object({}).strict(), create: () => store }),
  ],
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-runner-'));
  const rows = (shift: number, n = 80) =>
    Array.from({ length: n }, (_, i) => `${i},${20 + ((i * 7) % 40) + shift},${['a', 'b', 'c'][i % 3]},${i % 2}`).join('\n');
  writeFileSync(join(dir, 'ref.csv'), `id,age,plan,label\n${rows(0)}\n`);
  writeFileSync(join(dir, 'cur.csv'), `id,age,plan,label\n${rows(25)}\n`);
});

const baseConfig = (extra: Record<string, unknown> = {}) => ({
  version: 1,
  store: { type: 'memory' },
  sinks: [
    { type: 'memory', name: 'top' },
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's ${VAR} syntax, not a template
    { type: 'broken', message: 'disk full near ${SECRET_PATH}' },
  ],
  alerts: {
    channels: [
      { type: 'scripted', name: 'flaky', results: ['retryable', 'retry-after', 'ok', 'ok', 'ok'] },
      { type: 'scripted', name: 'dead', results: ['failed'] },
    ],
  },
  monitors: [
    {
      name: 'credit',
      reference: { path: 'ref.csv' },
      current: { path: 'cur.csv' },
      schema: { id: 'id', target: 'label' },
      drift: { methods: { age: 'ks' }, datasetShare: 0.3 },
      sinks: [{ type: 'memory', name: 'own' }],
      alerts: [
        { name: 'share', metric: 'dataset.drift_share', comparison: 'gt', threshold: 0.1, severity: 'critical', channels: ['flaky'] },
        { name: 'age', metric: 'drift.score', dimensions: { feature: 'age' }, comparison: 'lt', threshold: 0.05 },
        { name: 'never', metric: 'drift.score', dimensions: { feature: 'plan' }, comparison: 'lt', threshold: -1 },
      ],
    },
  ],
  ...extra,
});

async function runner(raw: unknown, extensions: MonitorExtension[] = []) {
  store = new MemoryRunStore();
  sinks.clear();
  channels.clear();
  const loaded = await validateConfig(raw, {
    file: join(dir, 'driftwatch.yaml'),
    builtinPlugins: [testPlugin],
    env: { SECRET_PATH: '/mnt/s3cr3t-vol' },
  });
  const sleeps: number[] = [];
  const container = await createContainer({
    plugins: [],
    context: { baseDir: '/', env: {} },
    config: loaded,
    runner: { extensions, delivery: { sleep: async (ms) => void sleeps.push(ms) } },
  });
  return { run: container.get(monitorRunnerToken), loaded, sleeps };
}

describe('MonitorRunner', () => {
  it('publishes to every sink with a monitor dimension, records failed sinks, fires and delivers alerts, records the run', async () => {
    const { run, loaded, sleeps } = await runner(baseConfig());
    const result = await run.run(loaded.config.monitors[0], 0);

    expect(result.status).toBe('drift');
    expect(result.drift?.columns.map((c) => c.column)).toEqual(['age', 'plan', 'label']); // id is left out
    // Top-level and monitor sinks both got every point, each with the monitor dimension.
    const top = sinks.get('top')!.points;
    expect(top).toHaveLength(result.publishedPoints);
    expect(sinks.get('own')!.points).toEqual(top);
    expect(top.every((p: MetricPoint) => p.dimensions.monitor === 'credit')).toBe(true);
    // Every point carries the run's id, not as a dimension.
    expect(top.every((p: MetricPoint) => p.runId === result.runId && !('run' in p.dimensions))).toBe(true);
    expect(top.map((p) => p.name)).toEqual(['drift.score', 'drift.score', 'drift.score', 'dataset.drift_share']);
    // The broken sink did not stop the others; its reason is kept with the env value redacted.
    // Its points wait in its outbox.
    const kept = '; 4 point(s) kept in the outbox for the next run or "driftwatch sinks flush"';
    expect(result.failedSinks).toEqual([{ sink: 'sinks[1]', type: 'broken', reason: `disk full near ***${kept}` }]);
    expect(result.sinks).toEqual([
      { sink: 'monitors[0].sinks[0]', type: 'memory', sent: 4, fromOutbox: 0, pending: 0, dropped: 0, lost: 0 },
      { sink: 'sinks[0]', type: 'memory', sent: 4, fromOutbox: 0, pending: 0, dropped: 0, lost: 0 },
      { sink: 'sinks[1]', type: 'broken', sent: 0, fromOutbox: 0, pending: 4, dropped: 0, lost: 0 },
    ]);

    const age = result.drift!.columns[0];
    expect(age.pValue).toBeLessThan(0.05);
    expect(result.alerts.map((a) => [a.alert.rule, a.alert.severity, a.alert.values.feature ?? null])).toEqual([
      ['share', 'critical', null],
      ['age', 'warning', 'age'],
    ]);
    // "share" goes only to flaky: retryable, retryable (retry after 7 s), ok.
    expect(result.alerts[0].deliveries).toEqual([{ channel: 'flaky', type: 'scripted', status: 'ok', attempts: 3 }]);
    expect(sleeps.slice(0, 2)).toEqual([1000, 7000]);
    // "age" goes to every channel: flaky says ok, dead fails at once (no retry of a final failure).
    expect(result.alerts[1].deliveries).toEqual([
      { channel: 'flaky', type: 'scripted', status: 'ok', attempts: 1 },
      { channel: 'dead', type: 'scripted', status: 'failed', attempts: 1, reason: 'said failed' },
    ]);
    expect(result.alerts[0].alert.message).toMatch(/^credit: dataset\.drift_share = 0\.\d+ > 0\.1 \(rule "share"\)$/);

    // Recorded as started before anything was published, then as finished.
    expect(store.runs).toHaveLength(2);
    expect(store.runs[0]).toEqual({ id: result.runId, monitor: 'credit', startedAt: result.startedAt, status: 'started', result: null });
    expect(store.runs[1]).toMatchObject({
      id: result.runId,
      monitor: 'credit',
      status: 'drift',
      failedSinks: [{ type: 'broken', reason: `disk full near ***${kept}` }],
    });
    expect(store.runs[1].result).toEqual(JSON.parse(JSON.stringify(result)));
    expect(store.locks.size).toBe(0);

    // The store's series and alerts got the run's points and fired alerts, with its id.
    expect(store.series().points).toEqual(top);
    const [share] = await store.series().query({ name: 'dataset.drift_share', dimensions: { monitor: 'credit' } });
    expect(share?.points).toEqual([
      { timestamp: top[3]!.timestamp, value: top[3]!.value, min: top[3]!.value, max: top[3]!.value, count: 1 },
    ]);
    const stored = await store.alerts().list({ monitor: 'credit' });
    expect(stored.map((a) => [a.rule, a.runId]).sort()).toEqual([
      ['age', result.runId],
      ['share', result.runId],
    ]);
  });

  it('adds extension sections and points, with frames in file order', async () => {
    const seen: { reference: Frame; current: Frame }[] = [];
    const quality: MonitorExtension = async ({ reference, current, monitor }) => {
      seen.push({ reference, current });
      return {
        sections: { performance: { task: 'test', rows: current.rowCount } },
        points: [
          {
            name: 'quality.accuracy',
            value: 0.42,
            unit: 'None',
            timestamp: '2026-01-01T00:00:00.000Z',
            dimensions: { metric: monitor.name },
          },
        ],
      };
    };
    const raw = baseConfig();
    raw.monitors[0].alerts.push({
      name: 'acc',
      metric: 'quality.accuracy',
      comparison: 'lt',
      threshold: 0.5,
      severity: 'warning',
      channels: ['flaky'],
    } as never);
    const { run, loaded } = await runner(raw, [quality]);
    const result = await run.run(loaded.config.monitors[0]);
    expect(result.performance).toEqual({ task: 'test', rows: 80 });
    const ids = seen[0].current.columns.find((c) => c.name === 'id');
    expect(ids?.kind).toBe('numeric');
    expect(Array.from((ids as { values: Float64Array }).values.slice(0, 4))).toEqual([0, 1, 2, 3]);
    expect(sinks.get('top')!.points.at(-1)).toMatchObject({
      name: 'quality.accuracy',
      dimensions: { metric: 'credit', monitor: 'credit' },
    });
    expect(result.alerts.map((a) => a.alert.rule)).toContain('acc');
  });

  it('refuses to run a monitor another run holds the lock of', async () => {
    const { run, loaded } = await runner(baseConfig());
    store.locks.set('monitor-credit', 'someone-else');
    const error = await run.run(loaded.config.monitors[0]).catch((e) => e);
    expect(error).toBeInstanceOf(StateError);
    expect(error.message).toMatch(/monitor "credit" is being run by another process/);
    expect(store.runs).toHaveLength(0);
    expect(sinks.get('top')!.points).toHaveLength(0);
  });

  it('records a failed run with its error, publishes nothing, and rethrows', async () => {
    const raw = baseConfig();
    raw.monitors[0].current = { path: 'missing.csv' };
    const { run, loaded } = await runner(raw);
    const error = await run.run(loaded.config.monitors[0]).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(store.runs.map((r) => r.status)).toEqual(['started', 'failed']);
    expect(store.runs[1]).toMatchObject({ status: 'failed', result: { status: 'failed', drift: null, error: { code: error.code } } });
    expect(sinks.get('top')!.points).toHaveLength(0);
    expect(store.locks.size).toBe(0);
  });

  it('turns an unknown ignored column into a config error with the monitor', async () => {
    const raw = baseConfig();
    raw.monitors[0].schema = { id: 'identifier', target: 'label' };
    const { run, loaded } = await runner(raw);
    const error = await run.run(loaded.config.monitors[0], 0).catch((e) => e);
    expect(error.message).toMatch(
      /^monitors\[0\] "credit": schema\.ignore, schema\.id or schema\.timestamp names unknown column "identifier"/,
    );
    expect(error.code).toBe('CONFIG_INVALID');
  });

  it('a sink whose publish never settles and a channel whose send never settles are abandoned at providers.timeout; the run is recorded', async () => {
    const raw = baseConfig({
      providers: { timeout: '50ms' },
      alerts: { channels: [{ type: 'silent', name: 'silent' }] },
    });
    raw.sinks = [{ type: 'memory', name: 'top' }, { type: 'hung' }] as never;
    raw.monitors[0].alerts = [{ name: 'share', metric: 'dataset.drift_share', comparison: 'gt', threshold: 0.1 }] as never;
    const { run, loaded } = await runner(raw);
    const result = await run.run(loaded.config.monitors[0], 0);
    expect(result.failedSinks).toEqual([
      {
        sink: 'sinks[1]',
        type: 'hung',
        reason:
          'hung publish did not finish within 50ms; abandoned; 4 point(s) kept in the outbox for the next run or "driftwatch sinks flush"',
      },
    ]);
    expect(sinks.get('top')!.points).toHaveLength(4);
    expect(result.alerts[0]!.deliveries).toEqual([
      { channel: 'silent', type: 'silent', status: 'retryable', attempts: 3, reason: 'silent send did not finish within 50ms; abandoned' },
    ]);
    expect(store.runs.map((r) => r.status)).toEqual(['started', 'drift']);
    expect(store.locks.size).toBe(0);
    expect([...store.outboxes.values()].map((o) => o.points.length).sort()).toEqual([0, 0, 4]);
  });

  it("a sink's and a channel's own timeout: override providers.timeout (60s by default); a bad one is a config error at its path", async () => {
    const raw = baseConfig({ alerts: { channels: [{ type: 'silent', name: 'silent', timeout: '30ms' }] } });
    raw.sinks = [{ type: 'hung', timeout: '40ms' }] as never;
    raw.monitors[0].sinks = [];
    raw.monitors[0].alerts = [{ name: 'share', metric: 'dataset.drift_share', comparison: 'gt', threshold: 0.1 }] as never;
    const { run, loaded } = await runner(raw);
    const result = await run.run(loaded.config.monitors[0], 0);
    expect(result.failedSinks[0]!.reason).toMatch(/^hung publish did not finish within 40ms; abandoned;/);
    expect(result.alerts[0]!.deliveries[0]!.reason).toBe('silent send did not finish within 30ms; abandoned');

    raw.sinks = [{ type: 'hung', timeout: 'soon' }] as never;
    const error = await runner(raw).catch((e) => e);
    expect(error.message).toMatch(/driftwatch\.yaml: sinks\[0\]\.timeout: expected a duration such as 30s/);
  });

  it("a provider's start is bounded by providers.lifecycleTimeout", async () => {
    const raw = baseConfig({ providers: { lifecycleTimeout: '50ms' } });
    raw.sinks = [{ type: 'slow-start' }] as never;
    const error = await runner(raw).catch((e) => e);
    expect(error.code).toBe('PROVIDER_FAILED');
    expect(error.message).toMatch(/slow-start.*did not start within 50 ms/);
  });

  it("keeps a failed sink's points in its outbox and sends them first, once each, when it is back", async () => {
    const raw = baseConfig({ alerts: { channels: [] } });
    raw.sinks = [{ type: 'flaky', name: 'flaky' }] as never;
    raw.monitors[0].sinks = [];
    raw.monitors[0].alerts = [];
    const { run, loaded } = await runner(raw);
    flakyDown = true;
    const first = await run.run(loaded.config.monitors[0], 0);
    expect(first.sinks).toEqual([{ sink: 'sinks[0]', type: 'flaky', sent: 0, fromOutbox: 0, pending: 4, dropped: 0, lost: 0 }]);
    expect(first.failedSinks[0]!.reason).toBe(
      '503 Service Unavailable; 4 point(s) kept in the outbox for the next run or "driftwatch sinks flush"',
    );
    flakyDown = false;
    const second = await run.run(loaded.config.monitors[0], 0);
    expect(second.failedSinks).toEqual([]);
    expect(second.sinks).toEqual([{ sink: 'sinks[0]', type: 'flaky', sent: 8, fromOutbox: 4, pending: 0, dropped: 0, lost: 0 }]);
    const delivered = sinks.get('flaky')!.points;
    expect(delivered.map((p) => p.runId)).toEqual([...Array(4).fill(first.runId), ...Array(4).fill(second.runId)]);
    expect([...store.outboxes.values()][0]!.points).toEqual([]);
    // A third run sends only its own points.
    const third = await run.run(loaded.config.monitors[0], 0);
    expect(third.sinks?.[0]).toMatchObject({ sent: 4, fromOutbox: 0, pending: 0 });
    expect(sinks.get('flaky')!.points).toHaveLength(12);
  });

  it('an abort while it publishes: stops before alerting and storing, records the run interrupted, never overwritten by a late result', async () => {
    const raw = baseConfig();
    raw.sinks = [{ type: 'gated' }] as never;
    raw.monitors[0].sinks = [];
    const { run, loaded } = await runner(raw);
    gate.reset();
    const controller = new AbortController();
    const running = run.run(loaded.config.monitors[0], 0, { signal: controller.signal }).catch((e) => e);
    await gate.started;
    controller.abort(new StateError('STATE_CONFLICT', 'the scheduler stopped'));
    gate.release();
    const error = await running;
    expect(error).toBeInstanceOf(StateError);
    expect(error.message).toBe('monitor "credit": the run was aborted (the scheduler stopped); it is recorded as interrupted');
    // The sink's publish had begun: it ends, but nothing after it runs.
    expect(gate.points).toHaveLength(4);
    expect(store.runs.map((r) => r.status)).toEqual(['started', 'interrupted']);
    expect(store.runs[1]).toMatchObject({ id: store.runs[0]!.id, result: null });
    expect([...channels.values()].flatMap((c) => c.sent)).toEqual([]);
    expect(await store.series().latest()).toEqual([]);
    expect(store.locks.size).toBe(0);
  });

  it('a signal aborted before the run starts: nothing is read, locked or recorded', async () => {
    const { run, loaded } = await runner(baseConfig());
    const error = await run.run(loaded.config.monitors[0], 0, { signal: AbortSignal.abort('shutting down') }).catch((e) => e);
    expect(error).toBeInstanceOf(StateError);
    expect(error.message).toMatch(/^monitor "credit": the run was aborted \(shutting down\)/);
    expect(store.runs).toEqual([]);
    expect(sinks.get('top')!.points).toHaveLength(0);
  });

  it('marks a run of the monitor left started (its process was killed) interrupted', async () => {
    const { run, loaded } = await runner(baseConfig());
    const killed: RunRecord = {
      id: 'killed-run',
      monitor: 'credit',
      startedAt: '2026-01-01T00:00:00.000Z',
      status: 'started',
      result: null,
    };
    const other: RunRecord = { ...killed, id: 'other-monitor', monitor: 'other' };
    store.runs.push(killed, other);
    await run.run(loaded.config.monitors[0], 0);
    expect(store.runs.filter((r) => r.id === 'killed-run').map((r) => r.status)).toEqual(['started', 'interrupted']);
    expect(store.runs.filter((r) => r.id === 'other-monitor').map((r) => r.status)).toEqual(['started']);
  });

  it("a job's retry with the run id of a killed run: retakes the lock the killed run held and replaces its started record", async () => {
    const { run, loaded } = await runner(baseConfig());
    const killed: RunRecord = {
      id: 'job-run-1',
      monitor: 'credit',
      startedAt: '2026-01-01T00:00:00.000Z',
      status: 'started',
      result: null,
    };
    store.runs.push(killed);
    store.locks.set('monitor-credit', 'job-run-1');
    const result = await run.run(loaded.config.monitors[0], 0, { runId: 'job-run-1' });
    expect(result.runId).toBe('job-run-1');
    // Never marked interrupted (it is this run), recorded started again and then finished, under one id.
    expect(store.runs.filter((r) => r.id === 'job-run-1').map((r) => r.status)).toEqual(['started', 'started', result.status]);
    expect(['ok', 'drift']).toContain(result.status);
    expect(store.locks.has('monitor-credit')).toBe(false);
  });
});
