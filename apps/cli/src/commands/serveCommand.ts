import { exitStatus, UsageError } from '@driftwatch/core';
import { logLevelFrom, type StopSignal, signalExitStatus } from '@driftwatch/runtime';
import { Command } from 'commander';
import { takeOverSignals } from '../providerLifecycles.js';
import { openConfig } from './openConfig.js';

/** How long the providers get to flush after a stop that had to abandon runs, before the process exits. */
const abandonAfterMs = 15_000;

interface ServeFlags {
  config?: string;
  host?: string;
  port?: string;
  worker?: boolean;
}

/** `driftwatch serve`: the server (API, ingestion, scheduler, /metrics); fastify loads only here. */
export function serveCommand(setExitCode: (code: number) => void): Command {
  return new Command('serve')
    .summary('run the server: scheduled monitors, event ingestion, the API, /metrics and the dashboard')
    .description(
      "Serves the config's monitors: runs each on its schedule: (the same runs as driftwatch run, " +
        'recorded in the same store, so history lists them), takes events and labels over HTTP, ' +
        'answers the API under /api/v1 (docs/server-api.md; OpenAPI at /openapi.json), exposes ' +
        '/metrics to Prometheus and the dashboard at /. The store must be one with the server ' +
        'capabilities (store: { type: sqlite }). Tokens: driftwatch tokens create.',
    )
    .option('--config <file>', 'config file', 'driftwatch.yaml')
    .option('--host <address>', 'address to listen on, over server.host (default 127.0.0.1)')
    .option('--port <port>', 'TCP port, over server.port (default 8080; 0 picks a free one)')
    .option(
      '--worker',
      'with a shared queue (queue: { type: postgres }): this replica also runs jobs, as driftwatch worker does (over server.worker)',
    )
    .addHelpText(
      'after',
      `
Examples:
  driftwatch serve
  driftwatch serve --config prod.yaml --host 0.0.0.0 --port 9000
  driftwatch serve --config scale.yaml --worker     # a replica that also runs jobs

Replicas: with queue: { type: postgres } and store: { type: postgres }, any number of serve
replicas share the work: each scheduled slot becomes one job (keyed by monitor and slot, so N
replicas enqueue it once), run by a driftwatch worker process (or a replica started with
--worker). Without a shared queue, serve runs its monitors itself (README "Scale").

Stopping: SIGTERM or SIGINT (Ctrl-C) stops taking requests and runs, waits up to
server.shutdownTimeout (default 30s) for runs in flight (then aborts them: they are recorded
as interrupted), writes the accepted event batches, flushes the sinks and their outboxes, and
exits 143 (SIGTERM) or 130 (SIGINT); a second signal exits at once.

Logs: JSON lines on stderr (pino) at DRIFTWATCH_LOG_LEVEL (default info); tokens, cookies
and the config's secrets are never written.

Exit status: 2 bad config (a store without the server capabilities names store.type),
3 the address is in use or another failure, 130/143 after a signal.`,
    )
    .action(async (flags: ServeFlags) => {
      const port = flags.port === undefined ? undefined : Number(flags.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65_535))
        throw new UsageError(`--port must be a TCP port (0 to 65535), got "${flags.port}"`);
      const { loaded, container } = await openConfig(flags.config);
      // Loaded here only: the other commands never load fastify.
      const { createServerLogger, serve } = await import('@driftwatch/server');
      const { dashboardPlugin } = await import('@driftwatch/dashboard');
      // A server logs its requests and runs: info unless DRIFTWATCH_LOG_LEVEL says otherwise.
      const level = loaded.env.DRIFTWATCH_LOG_LEVEL ? logLevelFrom(loaded.env) : 'info';
      const logger = createServerLogger({ level, redactor: loaded.redactor });
      takeOverSignals();
      let received: StopSignal | undefined;
      let wake: (() => void) | undefined;
      const onSignal = (signal: StopSignal) => () => {
        if (received !== undefined) process.exit(signalExitStatus[signal]);
        received = signal;
        process.stderr.write(`driftwatch: ${signal}: stopping (runs in flight get server.shutdownTimeout; again to exit at once)\n`);
        wake?.();
      };
      const handlers = { SIGTERM: onSignal('SIGTERM'), SIGINT: onSignal('SIGINT') };
      for (const [signal, handler] of Object.entries(handlers)) process.on(signal, handler);
      try {
        const server = await serve({
          loaded,
          container,
          logger,
          dashboard: dashboardPlugin,
          ...(flags.host !== undefined ? { host: flags.host } : {}),
          ...(port !== undefined ? { port } : {}),
          ...(flags.worker ? { worker: true } : {}),
        });
        const scheduled = loaded.config.monitors.filter((m) => m.schedule !== undefined).length;
        process.stderr.write(
          `driftwatch: serving ${loaded.config.monitors.length} monitor(s) (${scheduled} scheduled) on ${server.url} — dashboard ${server.url}/, API ${server.url}/api/v1, metrics ${server.url}/metrics\n`,
        );
        if (received === undefined) await new Promise<void>((resolve) => (wake = resolve));
        const inTime = await server.stop();
        const status = signalExitStatus[received ?? 'SIGTERM'] ?? exitStatus.failure;
        if (!inTime) {
          process.stderr.write('driftwatch: runs still in flight at server.shutdownTimeout were aborted and recorded as interrupted\n');
          // A run that ignores its abort would keep the process alive: once the providers have had
          // their flush and shutdown (each within its deadline), the process ends regardless.
          setTimeout(() => process.exit(status), abandonAfterMs).unref();
        }
        setExitCode(status);
      } finally {
        for (const [signal, handler] of Object.entries(handlers)) process.off(signal, handler);
      }
    });
}
