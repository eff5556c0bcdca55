import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError, InputError, runStoreToken } from '@driftwatch/core';
import { FileOutbox, FileRunStore } from '@driftwatch/plugin-local';
import { importRecords, SqliteRunStore } from '@driftwatch/store-sqlite';
import { Command, Option } from 'commander';
import { toJson } from '../output/toJson.js';
import { openConfig } from './openConfig.js';

/** `driftwatch store migrate`: imports a file store into the configured SQLite store. */
export function storeCommand(): Command {
  const store = new Command('store')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`driftwatch: ${text}`) })
    .summary('work on the run store (import a file store into SQLite)')
    .description('Works on the run store.');
  store.addCommand(
    new Command('migrate')
      .summary("import a file store's runs, attempts and outboxes into the configured SQLite store")
      .description(
        'Imports the runs, retraining attempts and pending outbox points of a file store (the JSON files of ' +
          '`store: { type: files }`) into the SQLite store the config names (the default store), in one ' +
          'transaction: all or nothing. A run or attempt the SQLite store already has is kept and skipped, ' +
          'an outbox point imported before is skipped: running it twice imports nothing twice. The file ' +
          'store is only read; remove it yourself once the import is checked.',
      )
      .exitOverride()
      .option('--from <folder>', 'the file store, relative to the config file', '.driftwatch')
      .option('--config <file>', 'config file', 'driftwatch.yaml')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
      .addHelpText(
        'after',
        `
Examples:
  driftwatch store migrate
  driftwatch store migrate --from old-store --config prod.yaml --format json

Output: "imported 12 runs (0 already there), 2 retraining attempts (0), 40 outbox points (0)
from .driftwatch into .driftwatch/driftwatch.db"; JSON: { from, to, runs, attempts,
outboxPoints }, each { imported, skipped }.

Exit status: 0 imported (or nothing left to import), 2 bad config, no file store there or the
config's store is not sqlite, 4 the store failed (nothing imported), 5 another process holds
the store's write lock.`,
      )
      .action(async (flags: { from: string; config?: string; format: 'table' | 'json' }) => {
        const { loaded, container } = await openConfig(flags.config);
        const target = container.get(runStoreToken);
        if (!(target instanceof SqliteRunStore)) {
          throw new ConfigError(
            `store: "store migrate" imports into a sqlite store; this config's store is "${loaded.config.store.type}" (set store: { type: sqlite } or remove the store section)`,
          );
        }
        const from = resolve(loaded.dir, flags.from);
        if (
          from === target.path ||
          (!existsSync(join(from, 'runs')) && !existsSync(join(from, 'attempts')) && !existsSync(join(from, 'outbox')))
        )
          throw new InputError('INPUT_NOT_FOUND', `${shown(from)}: no file store here (no runs/, attempts/ or outbox/ folder)`, {
            location: { file: shown(from) },
          });
        const files = new FileRunStore(from, { warn: (m) => process.stderr.write(`driftwatch: warning: ${m}\n`) });
        const runs = await files.listRuns();
        const attempts = await files.listAttempts();
        const outboxes = [];
        for (const sink of sinkKeys(join(from, 'outbox'))) {
          const { points } = await new FileOutbox(join(from, 'outbox', sink)).pending({
            now: Date.now(),
            maxAgeMs: Number.POSITIVE_INFINITY,
            maxPoints: Number.POSITIVE_INFINITY,
          });
          outboxes.push({ sink, points });
        }
        const counts = importRecords(target, { source: from, runs, attempts, outboxes });
        const report = { from: shown(from), to: shown(target.path), ...counts };
        if (flags.format === 'json') process.stdout.write(toJson(report));
        else
          process.stdout.write(
            `imported ${counts.runs.imported} runs (${counts.runs.skipped} already there), ` +
              `${counts.attempts.imported} retraining attempts (${counts.attempts.skipped}), ` +
              `${counts.outboxPoints.imported} outbox points (${counts.outboxPoints.skipped}) from ${report.from} into ${report.to}\n`,
          );
      }),
  );
  return store;
}

/** The sink folders of a file store's outbox. */
function sinkKeys(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** A path as the user would write it: relative to the working directory when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
