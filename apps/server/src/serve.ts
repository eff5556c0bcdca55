import { type RunStore, runStoreToken } from '@driftwatch/core';
import {
  configuredSinksToken,
  dataSourceFactoryToken,
  type LoadedConfig,
  llmEvaluationServiceToken,
  MonitorScheduler,
  monitorRunnerToken,
  retrainingServiceToken,
} from '@driftwatch/runtime';
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginAsync, FastifyPluginCallback } from 'fastify';
import type { Container } from 'inversify';
import { buildServer, serverStore } from './buildServer.js';
import { ServerMetrics } from './metrics/ServerMetrics.js';
import { EventRetention } from './retention/EventRetention.js';

/** How `driftwatch serve` starts. */
export interface ServeOptions {
  readonly loaded: LoadedConfig;
  /** The process's container, composed from `loaded` (the same runner, store and retraining service as the CLI's commands). */
  readonly container: Container;
  /** Over `server.host`. */
  readonly host?: string;
  /** Over `server.port`; 0 picks a free port. */
  readonly port?: number;
  readonly logger: FastifyBaseLogger;
  readonly dashboard?: FastifyPluginAsync | FastifyPluginCallback;
  readonly clock?: { now(): number };
}

/** A listening server. */
export interface ServeResult {
  readonly app: FastifyInstance;
  /** `http://host:port`. */
  readonly url: string;
  readonly scheduler: MonitorScheduler;
  /** Prunes each monitor's events older than `monitors[].events.retention` every `server.retentionInterval`. */
  readonly retention: EventRetention;
  /**
   * Graceful stop: refuses new work (readiness 503, no new runs), closes the listener and waits for
   * requests in flight, waits up to `server.shutdownTimeout` for runs in flight then aborts them
   * (a run still unfinished is recorded `interrupted`), stops the retention timer and writes the queued event batches.
   * Resolves `true` when every run finished in time. The caller then flushes the providers.
   */
  stop(): Promise<boolean>;
}

/** Composes the server on the process's container, starts the scheduler and listens. */
export async function serve(options: ServeOptions): Promise<ServeResult> {
  const { loaded, container, logger } = options;
  const { config } = loaded;
  const runStore = container.get(runStoreToken) as RunStore & {
    startBackgroundCheckpoints?(): boolean;
  };
  const store = serverStore(runStore, config.store.type);
  // The SQLite store checkpoints its WAL on a thread of its own here, so no request waits for one.
  runStore.startBackgroundCheckpoints?.();
  const runner = container.get(monitorRunnerToken);
  const metrics = new ServerMetrics();
  const now = options.clock ? () => options.clock!.now() : Date.now;

  const scheduler = new MonitorScheduler({
    // Evaluation suites are scheduled like monitors (their names never clash: the config refuses it).
    monitors: [...config.monitors, ...config.evaluations].map((m) => ({
      name: m.name,
      ...(m.schedule !== undefined ? { schedule: m.schedule } : {}),
    })),
    runMonitor: async (name, run) => {
      const index = config.monitors.findIndex((m) => m.name === name);
      const started = now();
      logger.info({ monitor: name, reason: run.reason }, 'monitor run starting');
      try {
        if (index < 0) {
          // A golden-set suite (kind llm): the same service as `driftwatch eval` and `run`.
          const result = await container.get(llmEvaluationServiceToken).run(name, { signal: run.signal });
          metrics.recordRun(name, 'ok', (now() - started) / 1000);
          logger.info(
            { monitor: name, runId: result.runId, kind: 'llm', promotion: result.promotion?.attempt?.state },
            'evaluation run ended',
          );
          return result;
        }
        const result = await runner.run(config.monitors[index]!, index, { signal: run.signal });
        metrics.recordRun(name, result.status, (now() - started) / 1000);
        logger.info({ monitor: name, runId: result.runId, status: result.status }, 'monitor run ended');
        return result;
      } catch (error) {
        metrics.recordRun(name, 'failed', (now() - started) / 1000);
        throw error;
      }
    },
    lastRunAt: async (name) => {
      const [last] = await store.listRuns({ monitor: name, limit: 1 });
      return last ? new Date(last.startedAt) : undefined;
    },
    ...(options.clock ? { clock: options.clock } : {}),
    logger,
  });

  const app = await buildServer({
    config,
    store,
    openSource: container.get(dataSourceFactoryToken),
    retraining: container.get(retrainingServiceToken),
    runs: scheduler,
    logger,
    metrics,
    sinks: container.get(configuredSinksToken),
    ...(options.dashboard ? { dashboard: options.dashboard } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const host = options.host ?? config.server.host;
  const port = options.port ?? config.server.port;
  await app.listen({ host, port });
  const address = app.server.address();
  const url =
    typeof address === 'object' && address !== null
      ? `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
      : `http://${host}:${port}`;
  scheduler.start();
  const retention = new EventRetention({
    monitors: config.monitors.map((m) => ({
      name: m.name,
      ...(m.events?.retention !== undefined ? { retentionMs: m.events.retention } : {}),
    })),
    events: store.events(),
    intervalMs: config.server.retentionInterval,
    ...(options.clock ? { clock: options.clock } : {}),
    logger,
  });
  retention.start();

  let stopping: Promise<boolean> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      app.dw.state.stopping = true;
      const deadlineMs = config.server.shutdownTimeout;
      const [, , , inTime] = await Promise.all([
        app.close(),
        app.dw.queue.drain(),
        retention.stop(),
        scheduler.stop({ deadlineMs }).then(() => scheduler.status().every((s) => !s.running)),
      ]);
      // A run this process could not finish is recorded as interrupted (the store's lock kept any other process from running it).
      for (const s of scheduler.status()) {
        if (!s.running) continue;
        for (const run of await store.listRuns({ monitor: s.name, limit: 5 }))
          if (run.status === 'started') await store.saveRun({ ...run, status: 'interrupted' });
      }
      return inTime;
    })();
    return stopping;
  };
  return { app, url, scheduler, retention, stop };
}
