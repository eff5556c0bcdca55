import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { definePlugin, defineProvider, type MetricPoint, type TokenScope } from '@driftwatch/core';
import { InMemoryRunStore } from '@driftwatch/core/testing';
import { localPlugin } from '@driftwatch/plugin-local';
import {
  configuredSinksToken,
  createContainer,
  dataSourceFactoryToken,
  type LoadedConfig,
  loadConfig,
  MonitorScheduler,
  monitorRunnerToken,
  retrainingServiceToken,
} from '@driftwatch/runtime';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Container } from 'inversify';
import { z } from 'zod';
import { tokenHash } from '../auth/tokenHash.js';
import { buildServer } from '../buildServer.js';

/** A run store in memory with every server capability, picked by `store: { type: memory }`. */
export function memoryStorePlugin(store: InMemoryRunStore) {
  return definePlugin({
    name: 'test-memory-store',
    providers: [
      defineProvider({
        port: 'RunStore',
        type: 'memory',
        description: 'the test store',
        options: z.object({}).strict(),
        create: () => store,
      }),
    ],
  });
}

/** Points published to the `slow` sink, in order (per process). */
export const slowSinkPoints: MetricPoint[] = [];
/** Resolves the first time a `slow` sink starts publishing. */
export let slowSinkStarted: Promise<void> = Promise.resolve();
let markStarted: () => void = () => {};
/** Resets {@link slowSinkStarted} for the next run. */
export function armSlowSink(): void {
  slowSinkStarted = new Promise((resolve) => {
    markStarted = resolve;
  });
}

/** A metrics sink that takes `delayMs` to publish: a run in flight for that long. */
export const slowSinkPlugin = definePlugin({
  name: 'test-slow-sink',
  providers: [
    defineProvider({
      port: 'MetricsSink',
      type: 'slow',
      description: 'a sink that takes its time',
      options: z.object({ delayMs: z.number().int().min(0) }).strict(),
      create: (options) => ({
        type: 'slow',
        async publish(points: readonly MetricPoint[]) {
          markStarted();
          await new Promise((r) => setTimeout(r, options.delayMs));
          slowSinkPoints.push(...points);
        },
        async flush() {},
      }),
    }),
  ],
});

/** `rows` rows of the test data: id, age (numeric), city (categorical), member (boolean), label and pred. */
export function csv(rows: number, shift: number): string {
  const cities = ['Oslo', 'Lima', 'Pune'];
  let text = 'id,age,city,member,label,pred\n';
  for (let i = 0; i < rows; i++) {
    const age = 20 + ((i * 7) % 40) + shift;
    text += `${i},${age},${cities[i % 3]},${i % 2 === 0},${age > 40 ? 1 : 0},${age > 42 ? 1 : 0}\n`;
  }
  return text;
}

/** Test tokens, one per scope. */
export const tokens: Readonly<Record<'read' | 'ingest' | 'admin' | 'revoked', string>> = {
  read: 'dw_read_0123456789abcdef0123456789abcdef',
  ingest: 'dw_ingest_0123456789abcdef0123456789abcd',
  admin: 'dw_admin_0123456789abcdef0123456789abcde',
  revoked: 'dw_revoked_0123456789abcdef0123456789ab',
};

export interface Fixture {
  readonly dir: string;
  readonly store: InMemoryRunStore;
  readonly loaded: LoadedConfig;
  readonly container: Container;
}

/**
 * A project in a temporary folder: two monitors on small CSVs (`customers` drifts on age, `steady`
 * does not; `customers` retrains the model `churn` with a trainer that fails), the store in memory
 * with one token per scope (and a revoked one). `extra` is YAML appended at the top level.
 */
export async function fixture(extra = '', options: { readonly monitorExtra?: string } = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'dw-server-'));
  writeFileSync(join(dir, 'reference.csv'), csv(300, 0));
  writeFileSync(join(dir, 'current.csv'), csv(300, 15));
  writeFileSync(join(dir, 'fail.mjs'), 'process.stderr.write("no training today\\n"); process.exit(3);\n');
  writeFileSync(
    join(dir, 'driftwatch.yaml'),
    `version: 1
store: { type: memory }
monitors:
  - name: customers
    reference: { path: reference.csv }
    current: { path: current.csv }
    schema: { id: id, target: label, prediction: pred }
${options.monitorExtra ?? ''}    alerts:
      - { name: share, metric: dataset.drift_share, comparison: gte, threshold: 0.1, severity: warning }
    retraining:
      model: churn
      trainer: { type: command, command: ["${process.execPath}", fail.mjs], timeout: 1m }
      evaluator: { type: command, command: ["${process.execPath}", fail.mjs] }
      gate: { metric: accuracy, maxLoss: 0.01 }
      timeouts: { poll: 20, pollMax: 100 }
  - name: steady
    reference: { path: reference.csv }
    current: { path: reference.csv }
    schema: { id: id, target: label, prediction: pred }
${extra}`,
  );
  const store = new InMemoryRunStore();
  const loaded = await loadConfig(join(dir, 'driftwatch.yaml'), {
    builtinPlugins: [localPlugin, memoryStorePlugin(store), slowSinkPlugin],
    env: {},
  });
  const container = await createContainer({ plugins: loaded.plugins, context: { baseDir: dir, env: {} }, config: loaded });
  const at = '2026-01-01T00:00:00.000Z';
  const scopes: Record<keyof typeof tokens, TokenScope[]> = { read: ['read'], ingest: ['ingest'], admin: ['admin'], revoked: ['admin'] };
  for (const [name, token] of Object.entries(tokens))
    await store
      .tokens()
      .create({ id: `tok-${name}`, name, scopes: scopes[name as keyof typeof tokens], hash: tokenHash(token), createdAt: at });
  await store.tokens().revoke('revoked', at);
  return { dir, store, loaded, container };
}

/** The server of a fixture, built (not listening), with a scheduler of its monitors (not started). */
export async function fixtureServer(
  f: Fixture,
  logger?: FastifyBaseLogger,
): Promise<{ app: FastifyInstance; scheduler: MonitorScheduler }> {
  const runner = f.container.get(monitorRunnerToken);
  const monitors = f.loaded.config.monitors;
  const scheduler = new MonitorScheduler({
    monitors: monitors.map((m) => ({ name: m.name })),
    runMonitor: (name, run) => {
      const index = monitors.findIndex((m) => m.name === name);
      return runner.run(monitors[index]!, index, { signal: run.signal });
    },
    lastRunAt: async () => undefined,
    logger: {
      trace() {},
      debug() {},
      info() {},
      warn() {},
      error() {},
      fatal() {},
      child() {
        return this;
      },
    },
  });
  const app = await buildServer({
    config: f.loaded.config,
    store: f.store,
    openSource: f.container.get(dataSourceFactoryToken),
    retraining: f.container.get(retrainingServiceToken),
    runs: scheduler,
    sinks: f.container.get(configuredSinksToken),
    ...(logger ? { logger } : {}),
  });
  return { app, scheduler };
}

/** `Authorization` header of a test token. */
export const bearer = (scope: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[scope]}` });
