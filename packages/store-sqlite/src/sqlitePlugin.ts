import { resolve } from 'node:path';
import { ConfigError, definePlugin, defineProvider, durationAtLeast } from '@driftwatch/core';
import { z } from 'zod';

/** Where the store's file goes by default, relative to the config file. */
export const defaultSqlitePath = '.driftwatch/driftwatch.db';

/**
 * The SQLite run store as a plugin: `store: { type: sqlite, path: .driftwatch/driftwatch.db }`, and
 * the `events` data source over any store that keeps events (`current: { type: events, window: 7d }`).
 * This module holds the definitions alone; the native driver loads when a config creates the store.
 */
export const sqlitePlugin = definePlugin({
  name: '@driftwatch/store-sqlite',
  providers: [
    defineProvider({
      port: 'RunStore',
      type: 'sqlite',
      description:
        'records runs, attempts, locks, outboxes, metric series, alerts, API tokens and events in one SQLite file (WAL); the default store',
      options: z
        .object({
          /** The database file, relative to the config file. Default `.driftwatch/driftwatch.db`. */
          path: z
            .string()
            .min(1, 'a file path is required')
            .default(defaultSqlitePath)
            .describe('the database file, relative to the config file'),
          /** How long a write waits for another process's write lock; default 5s. */
          busyTimeout: durationAtLeast(1)
            .prefault('5s')
            .describe("how long a write waits for another process's: ms, or 5s, 1m; default 5s"),
        })
        .strict(),
      create: async (options, context) => {
        const { SqliteRunStore } = await import('./SqliteRunStore.js');
        return new SqliteRunStore(resolve(context.baseDir, options.path), {
          now: () => context.clock.now(),
          busyTimeoutMs: options.busyTimeout,
          redact: (record) => context.redactor.strings(record),
        });
      },
    }),
    defineProvider({
      port: 'DataSource',
      type: 'events',
      description:
        'the events posted to driftwatch serve for a monitor over a window ending now (features, prediction, proba_<class>, label joined by id)',
      options: z
        .object({
          /** How far back from now; e.g. `7d`, `24h`. Default 7d. */
          window: durationAtLeast(1).prefault('7d').describe('how far back from now: 24h, 7d, …; default 7d'),
          /** Whose events; default the monitor this source belongs to. */
          monitor: z.string().min(1).optional().describe('whose events; default the monitor this source is in'),
        })
        .strict(),
      create: async (options, context) => {
        const monitor = options.monitor ?? context.monitor;
        if (monitor === undefined) throw new ConfigError('an events source outside a monitor needs the option "monitor"');
        const events = context.store?.events?.();
        if (events === undefined) {
          throw new ConfigError(
            "the events source reads the store's events: use store: { type: sqlite } (the default) or { type: postgres }, not the file store",
          );
        }
        const { EventsDataSource } = await import('./EventsDataSource.js');
        return new EventsDataSource(events, { monitor, windowMs: options.window, now: () => context.clock.now() });
      },
    }),
  ],
});

export default sqlitePlugin;
