import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError, InputError, runStoreToken } from '@driftwatch/core';
import { FileOutbox, FileRunStore } from '@driftwatch/plugin-local';
import { importRecords as importIntoPostgres, PostgresRunStore, redactUrl } from '@driftwatch/store-postgres';
import type { ImportCounts, ImportedRecords } from '@driftwatch/store-sqlite';
import { importRecords, SqliteRunStore } from '@driftwatch/store-sqlite';
import { Command, Option } from 'commander';
import { toJson } from '../output/toJson.js';
import { openConfig } from './openConfig.js';

/** `driftwatch store migrate`: imports a file store into the configured SQLite store; on PostgreSQL, migrates its schema (and imports a file store when there is one). */
export function storeCommand(): Command {
  const store = new Command('store')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`driftwatch: ${text}`) })
    .summary('work on the run store (migrate its schema, import a file store)')
    .description('Works on the run store.');
  store.addCommand(
    new Command('migrate')
      .summary("migrate the store's schema; import a file store's runs, attempts and outboxes into it")
      .description(
        'Imports the runs, retraining attempts and pending outbox points of a file store (the JSON files of ' +
          '`store: { type: files }`) into the SQLite store the config names (the default store), in one ' +
          'transaction: all or nothing. A run or attempt the store already has is kept and skipped, ' +
          'an outbox point imported before is skipped: running it twice imports nothing twice. The file ' +
          'store is only read; remove it yourself once the import is checked.\n\n' +
          'With `store: { type: postgres }` it applies the schema migrations the PostgreSQL schema lacks (what ' +
          'every process also does when it starts, under an advisory lock, so running it while others start is ' +
          'safe) and prints the schema version; it imports a file store too when --from names one (or the ' +
          'default .driftwatch folder holds one).',
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

  DATABASE_URL=postgres://db.internal:5432/prod driftwatch store migrate --config scale.yaml

Output: "imported 12 runs (0 already there), 2 retraining attempts (0), 40 outbox points (0)
from .driftwatch into .driftwatch/driftwatch.db"; JSON: { from, to, runs, attempts,
outboxPoints }, each { imported, skipped }. On PostgreSQL: "postgres://db.internal:5432/prod
schema driftwatch: applied migrations 1 (schema version 1)" (then the import line, if any); JSON:
{ to, schema, migrations: { applied, version }, import? }.

Exit status: 0 imported or migrated (or nothing left to do), 2 bad config, no file store there or
the config's store is neither sqlite nor postgres, 4 the store failed (nothing imported; the
PostgreSQL URL unreachable or refused), 5 another process holds the store's write lock.`,
      )
      .action(async function (this: Command, flags: { from: string; config?: string; format: 'table' | 'json' }) {
        const { loaded, container } = await openConfig(flags.config);
        const target = container.get(runStoreToken);
        const from = resolve(loaded.dir, flags.from);
        const isFileStore = (dir: string) =>
          existsSync(join(dir, 'runs')) || existsSync(join(dir, 'attempts')) || existsSync(join(dir, 'outbox'));
        if (target instanceof PostgresRunStore) {
          // Opening the store applies the migrations it lacks.
          await target.start();
          const applied = [...target.appliedMigrations];
          const version = await target.schemaVersion();
          const to = redactUrl(target.url);
          const explicit = this.getOptionValueSource('from') !== 'default';
          if (explicit && !isFileStore(from))
            throw new InputError('INPUT_NOT_FOUND', `${shown(from)}: no file store here (no runs/, attempts/ or outbox/ folder)`, {
              location: { file: shown(from) },
            });
          const counts = isFileStore(from) ? await importIntoPostgres(target, await readFileStore(from)) : undefined;
          const report = {
            to,
            schema: target.schema,
            migrations: { applied, version },
            ...(counts ? { import: { from: shown(from), ...counts } } : {}),
          };
          if (flags.format === 'json') process.stdout.write(toJson(report));
          else {
            process.stdout.write(
              `${to} schema ${target.schema}: ${applied.length > 0 ? `applied migrations ${applied.join(', ')}` : 'no migration to apply'} (schema version ${version})\n`,
            );
            if (counts) process.stdout.write(`${importLine(counts)} from ${shown(from)} into ${to} schema ${target.schema}\n`);
          }
          return;
        }
        if (!(target instanceof SqliteRunStore)) {
          throw new ConfigError(
            `store: "store migrate" imports into a sqlite store or migrates a postgres one; this config's store is "${loaded.config.store.type}" (set store: { type: sqlite } or { type: postgres, url: … })`,
          );
        }
        if (from === target.path || !isFileStore(from))
          throw new InputError('INPUT_NOT_FOUND', `${shown(from)}: no file store here (no runs/, attempts/ or outbox/ folder)`, {
            location: { file: shown(from) },
          });
        const counts = importRecords(target, await readFileStore(from));
        const report = { from: shown(from), to: shown(target.path), ...counts };
        if (flags.format === 'json') process.stdout.write(toJson(report));
        else process.stdout.write(`${importLine(counts)} from ${report.from} into ${report.to}\n`);
      }),
  );
  return store;
}

/** A file store's runs, attempts and pending outbox points (every one: no age or size bound). */
async function readFileStore(from: string): Promise<ImportedRecords> {
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
  return { source: from, runs, attempts, outboxes };
}

/** "imported 12 runs (0 already there), 2 retraining attempts (0), 40 outbox points (0)". */
function importLine(counts: ImportCounts): string {
  return (
    `imported ${counts.runs.imported} runs (${counts.runs.skipped} already there), ` +
    `${counts.attempts.imported} retraining attempts (${counts.attempts.skipped}), ` +
    `${counts.outboxPoints.imported} outbox points (${counts.outboxPoints.skipped})`
  );
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
