import { definePlugin, defineProvider, durationAtLeast } from '@driftwatch/core';
import { z } from 'zod';

/** The schema every table lives in by default. */
export const defaultPostgresSchema = 'driftwatch';

/**
 * The PostgreSQL run store as a plugin: `store: { type: postgres, url: ${DATABASE_URL} }`. It has
 * every capability of the SQLite store (so `driftwatch serve` and the `events` data source work on
 * it) and is shared by processes on several machines. This module holds the definitions alone;
 * the driver (`pg`) loads when a config creates the store.
 */
export const postgresPlugin = definePlugin({
  name: '@driftwatch/store-postgres',
  providers: [
    defineProvider({
      port: 'RunStore',
      type: 'postgres',
      description:
        'records runs, attempts, locks, outboxes, metric series, alerts, API tokens and day-partitioned events in a PostgreSQL schema shared by processes on several machines',
      options: z
        .object({
          /** Connection URL: `postgres://user:password@host:5432/database` (usually `${DATABASE_URL}`). */
          url: z
            .string()
            // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's ${VAR} substitution, shown to the user
            .min(1, 'a connection URL is required, e.g. url: ${DATABASE_URL}')
            .refine((url) => /^postgres(ql)?:\/\/[^/?#]*[^/?#@]/.test(url) && URL.canParse(url), {
              message: 'must be a postgres:// (or postgresql://) connection URL with a host, e.g. postgres://HOST:5432/DATABASE',
            })
            // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's ${VAR} substitution, shown to the user
            .describe('connection URL postgres://HOST:5432/DATABASE with the user and password before the host, e.g. ${DATABASE_URL}'),
          /** The schema holding the tables, created when missing. Default `driftwatch`. */
          schema: z
            .string()
            .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and "_" (at most 63), not starting with a digit')
            .default(defaultPostgresSchema)
            .describe('the schema holding the tables (created when missing); default driftwatch'),
          /** Connections of the process's pool. Default 10. */
          poolSize: z.number().int().min(1).max(1000).default(10).describe('connections of the pool; default 10'),
          /** How long opening a connection may take. Default 10s. */
          connectTimeout: durationAtLeast(1)
            .prefault('10s')
            .describe('how long opening a connection may take: ms, or 10s, 1m; default 10s'),
        })
        .strict(),
      create: async (options, context) => {
        const { PostgresRunStore } = await import('./PostgresRunStore.js');
        return new PostgresRunStore({
          url: options.url,
          schema: options.schema,
          poolSize: options.poolSize,
          connectTimeoutMs: options.connectTimeout,
          now: () => context.clock.now(),
          redact: (record) => context.redactor.strings(record),
          onIdleError: (error) => context.logger.warn({ err: error }, 'an idle PostgreSQL connection failed; the pool opens another'),
        });
      },
    }),
  ],
});

export default postgresPlugin;
