import { ConfigError, exitStatus, jobQueueToken, UsageError } from '@driftwatch/core';
import {
  createJobHandler,
  createLogger,
  llmEvaluationServiceToken,
  logLevelFrom,
  monitorRunnerToken,
  retrainingServiceToken,
  type StopSignal,
  signalExitStatus,
} from '@driftwatch/runtime';
import { Command } from 'commander';
import { takeOverSignals } from '../providerLifecycles.js';
import { openConfig } from './openConfig.js';

/** How long the providers get to flush after a stop that had to abort jobs, before the process exits. */
const abandonAfterMs = 15_000;

interface WorkerFlags {
  config?: string;
  concurrency?: string;
  healthInterval?: string;
}

/** `driftwatch worker`: runs the jobs of a shared queue (monitor runs, retraining attempts). */
export function workerCommand(setExitCode: (code: number) => void): Command {
  return new Command('worker')
    .summary('run jobs from the shared queue: monitor runs and retraining attempts (queue: { type: postgres })')
    .description(
      "Takes jobs from the config's shared queue (queue: { type: postgres, url: ${DATABASE_URL} }) and runs " +
        'them: the monitor runs that driftwatch serve replicas enqueue (one job per monitor and slot, ' +
        'whatever the number of replicas) and the retraining attempts those runs decide on. Each job runs ' +
        'on one worker; a worker killed mid-job has its job retried on another after queue.expireAfter, ' +
        'with the same run id, so the run is recorded once. Start as many workers as the load needs.',
    )
    .option('--config <file>', 'config file', 'driftwatch.yaml')
    .option('--concurrency <n>', 'jobs run at once by this worker', '2')
    .option('--health-interval <seconds>', 'seconds between health lines on stderr (0: none)', '30')
    .addHelpText(
      'after',
      `
Examples:
  DATABASE_URL=postgres://driftwatch@db:5432/driftwatch driftwatch worker --config scale.yaml
  driftwatch worker --config scale.yaml --concurrency 4

Health: JSON lines on stderr (pino): "worker ready" once it takes jobs (pid, concurrency), then
"worker health" every --health-interval seconds (jobs running), "monitor run starting/ended" per job.

Stopping: SIGTERM or SIGINT stops taking jobs, waits up to server.shutdownTimeout (default 30s)
for running jobs, then aborts them (a run is recorded interrupted; its job goes back to the queue
and is retried elsewhere with the same run id), flushes the providers and exits 143 (SIGTERM) or
130 (SIGINT); a second signal exits at once.

Exit status: 2 bad config or no shared queue (queue.type must be postgres), 4 the queue's database
cannot be reached, 130/143 after a signal.`,
    )
    .action(async (flags: WorkerFlags) => {
      const concurrency = Number(flags.concurrency);
      if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 256))
        throw new UsageError(`--concurrency must be a whole number from 1 to 256, got "${flags.concurrency}"`);
      const healthSeconds = Number(flags.healthInterval);
      if (!(Number.isFinite(healthSeconds) && healthSeconds >= 0))
        throw new UsageError(`--health-interval must be seconds (0 or more), got "${flags.healthInterval}"`);
      const { loaded, container } = await openConfig(flags.config);
      const queue = container.get(jobQueueToken);
      if (!queue.shared)
        throw new ConfigError(
          `${loaded.file}: queue: a worker takes jobs from a shared queue, and queue.type is "${loaded.config.queue.type}"; set queue: { type: postgres, url: \${DATABASE_URL} } (README "Scale")`,
        );
      const level = loaded.env.DRIFTWATCH_LOG_LEVEL ? logLevelFrom(loaded.env) : 'info';
      const logger = createLogger({ level, redactor: loaded.redactor }).child({ role: 'worker', pid: process.pid });
      takeOverSignals();
      let received: StopSignal | undefined;
      let wake: (() => void) | undefined;
      const onSignal = (signal: StopSignal) => () => {
        if (received !== undefined) process.exit(signalExitStatus[signal]);
        received = signal;
        process.stderr.write(`driftwatch: ${signal}: stopping (jobs in flight get server.shutdownTimeout; again to exit at once)\n`);
        wake?.();
      };
      const handlers = { SIGTERM: onSignal('SIGTERM'), SIGINT: onSignal('SIGINT') };
      for (const [signal, handler] of Object.entries(handlers)) process.on(signal, handler);
      let health: ReturnType<typeof setInterval> | undefined;
      try {
        const handler = createJobHandler({
          config: loaded.config,
          runner: container.get(monitorRunnerToken),
          retraining: container.get(retrainingServiceToken),
          evaluations: container.get(llmEvaluationServiceToken),
          logger,
        });
        await queue.work(handler, { concurrency });
        logger.info({ concurrency, monitors: loaded.config.monitors.length, expireAfterMs: queue.expireAfterMs }, 'worker ready');
        const running = () => (queue as { readonly running?: number }).running;
        if (healthSeconds > 0)
          health = setInterval(() => logger.info({ running: running(), concurrency }, 'worker health'), healthSeconds * 1000);
        if (received === undefined) await new Promise<void>((resolve) => (wake = resolve));
        clearInterval(health);
        const deadlineMs = loaded.config.server.shutdownTimeout;
        const started = Date.now();
        await queue.stop({ deadlineMs });
        const inTime = Date.now() - started <= deadlineMs;
        logger.info({ inTime }, 'worker stopped');
        const status = signalExitStatus[received ?? 'SIGTERM'] ?? exitStatus.failure;
        if (!inTime) setTimeout(() => process.exit(status), abandonAfterMs).unref();
        setExitCode(status);
      } finally {
        clearInterval(health);
        for (const [signal, handler] of Object.entries(handlers)) process.off(signal, handler);
      }
    });
}
