import { resolve } from 'node:path';
import { definePlugin, defineProvider, durationAtLeast } from '@driftwatch/core';
import { z } from 'zod';

/** Where the store's file goes by default, relative to the config file. */
export const defaultSqlitePath = '.driftwatch/driftwatch.db';

/**
 * The SQLite run store as a plugin: `store: { type: sqlite, path: .driftwatch/driftwatch.db }`.
 * This module holds the definition alone; the native driver loads when a config creates the store.
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
  ],
});

export default sqlitePlugin;
