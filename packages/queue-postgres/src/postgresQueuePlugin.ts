import { definePlugin, defineProvider, durationAtLeast } from '@driftwatch/core';
import { z } from 'zod';

/** The schema of the queue's tables by default. */
export const defaultQueueSchema = 'driftwatch_jobs';

/**
 * The PostgreSQL job queue as a plugin: `queue: { type: postgres, url: ${DATABASE_URL} }`. This
 * module holds the definition alone; pg-boss and the driver load when a config creates the queue.
 */
export const postgresQueuePlugin = definePlugin({
  name: '@driftwatch/queue-postgres',
  providers: [
    defineProvider({
      port: 'JobQueue',
      type: 'postgres',
      description:
        'monitor runs and retraining attempts as jobs in PostgreSQL (pg-boss): scheduled once across serve replicas, each run by one worker, retried after a killed worker',
      options: z
        .object({
          /** `postgres://user:password@host:5432/db`; usually `${DATABASE_URL}`. */
          url: z
            .string()
            .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL is required, e.g. url: ${DATABASE_URL}')
            .describe('postgres://user@host:5432/db, e.g. ${DATABASE_URL}'),
          /** The schema of the queue's tables, created on start. Default `driftwatch_jobs`. */
          schema: z
            .string()
            .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case SQL identifier: letters, digits, _ (e.g. driftwatch_jobs)')
            .default(defaultQueueSchema)
            .describe('schema of the queue tables; default driftwatch_jobs'),
          /**
           * How long a job may run before it is failed and retried on another worker (a killed worker's job
           * waits this long); a monitor run holds its lock as long. Longer than the slowest run. Default 10m.
           */
          expireAfter: durationAtLeast(2000)
            .prefault('10m')
            .describe('how long a job may run before it is retried elsewhere (longer than the slowest run); default 10m'),
          /** Retries of a failed or expired job. Default 2. */
          retries: z.int().min(0).max(100).default(2).describe('retries of a failed or expired job; default 2'),
          /** Wait before a retry. Default 30s. */
          retryDelay: durationAtLeast(0).prefault('30s').describe('wait before a retry; default 30s'),
          /** How often an idle worker asks for a job (at least 500ms). Default 1s. */
          pollInterval: durationAtLeast(500).prefault('1s').describe('how often an idle worker asks for a job (≥ 500ms); default 1s'),
          /** How often expired jobs are looked for (at least 1s). Default 30s. */
          maintenanceInterval: durationAtLeast(1000).prefault('30s').describe('how often expired jobs are looked for (≥ 1s); default 30s'),
          /** Connections of each process's pool. Default 10. */
          maxConnections: z.int().min(2).max(100).default(10).describe("connections of each process's pool; default 10"),
        })
        .strict(),
      create: async (options, context) => {
        const { PostgresJobQueue } = await import('./PostgresJobQueue.js');
        const queue = new PostgresJobQueue({
          url: options.url,
          schema: options.schema,
          expireAfterMs: options.expireAfter,
          retries: options.retries,
          retryDelayMs: options.retryDelay,
          pollIntervalMs: options.pollInterval,
          maintenanceIntervalMs: options.maintenanceInterval,
          maxConnections: options.maxConnections,
          logger: context.logger,
        });
        // Started lazily (first enqueue or work): a lifecycle deadline of seconds is no bound for a first migration.
        return Object.assign(queue, { shutdown: () => queue.stop({ deadlineMs: 0 }) });
      },
    }),
  ],
});

export default postgresQueuePlugin;
