import { type AlarmSyncPlan, type AlertRule, ConfigError, isDriftwatchError, type PendingAlarmRule, ProviderError } from '@driftwatch/core';
import { alarmManagersToken, type MonitorConfig } from '@driftwatch/runtime';
import { Command, Option } from 'commander';
import { openConfig } from './openConfig.js';

/** The provider-neutral rules of a monitor (channels are for alerts sent by runs, not for provider alarms). */
export function alarmRules(monitor: MonitorConfig): AlertRule[] {
  return monitor.alerts.map(({ name, metric, comparison, threshold, severity, dimensions }) => ({
    name,
    metric,
    comparison,
    threshold,
    severity,
    ...(dimensions ? { dimensions } : {}),
  }));
}

/** Version of the JSON `alarms sync --format json` prints; bumped on breaking changes. */
export const alarmsSyncSchemaVersion = 1 as const;

/** One alarm manager and monitor in `alarms sync --format json`. */
type AlarmsSyncEntry = { readonly alarmManager: string; readonly type: string; readonly monitor: string } & (
  | ({ readonly diff: true } & AlarmSyncPlan)
  | { readonly diff: false; readonly rules: readonly string[] }
  | {
      readonly created: readonly string[];
      readonly updated: readonly string[];
      readonly unchanged: readonly string[];
      readonly stale: readonly string[];
      readonly deleted: readonly string[];
      readonly pending: readonly PendingAlarmRule[];
    }
);

const list = (names: readonly string[]) => (names.length > 0 ? names.join(', ') : '—');

/** The text line(s) of one entry. */
function formatEntry(entry: AlarmsSyncEntry): string {
  const head = `${entry.type} (${entry.alarmManager}) monitor ${entry.monitor}:`;
  const pendingLines = (pending: readonly PendingAlarmRule[]) => pending.map((p) => `  pending ${p.rule}: ${p.reason}\n`).join('');
  if ('diff' in entry && !entry.diff) {
    return `${head} would sync ${entry.rules.length} rule(s): ${list(entry.rules)} (the provider cannot compare them with its alarms)\n`;
  }
  if ('diff' in entry) {
    const update = entry.update.map((u) => `${u.name} (${u.fields.join(', ')})`);
    const kept = entry.stale.filter((n) => !entry.delete.includes(n));
    return (
      `${head} would create ${list(entry.create)}; would update ${list(update)}; unchanged ${list(entry.unchanged)}` +
      (entry.delete.length > 0 ? `; would delete ${list(entry.delete)}` : '') +
      (kept.length > 0 ? `; stale ${list(kept)} (kept: prune is off)` : '') +
      `\n${pendingLines(entry.pending)}`
    );
  }
  const kept = entry.stale.filter((n) => !entry.deleted.includes(n));
  return (
    `${head} created ${list(entry.created)}; updated ${list(entry.updated)}; unchanged ${list(entry.unchanged)}` +
    (entry.deleted.length > 0 ? `; pruned ${list(entry.deleted)}` : '') +
    (kept.length > 0 ? `; stale ${list(kept)} (kept: prune is off)` : '') +
    `\n${pendingLines(entry.pending)}`
  );
}

/** `driftwatch alarms sync`. */
export function alarmsCommand(): Command {
  const alarms = new Command('alarms')
    .exitOverride()
    // Set before the subcommands are added, so they inherit it: errors read as the other commands' do.
    .configureOutput({ outputError: (text, write) => write(`driftwatch: ${text}`) })
    .summary('manage provider alarms made from alert rules')
    .description('Manages provider alarms made from the alert rules.');
  alarms
    .command('sync')
    .summary("create or update provider alarms from the config's alert rules (idempotent)")
    .description(
      'Creates or updates, through every alarm manager under alarms: (CloudWatch alarms, Cloud ' +
        "Monitoring alert policies), the alarms each monitor's alert rules describe. Running it twice " +
        'changes nothing the second time. Alarms of the monitor that no rule produces any more are ' +
        'reported as stale, and deleted ("pruned") when the alarm manager has prune: true.\n\n' +
        '--dry-run reads the provider and prints what a sync would do (create, update with the fields ' +
        'that differ, unchanged, delete with prune), changing nothing. A CloudWatch rule whose metric ' +
        'was never published is listed as pending: run the monitor first.\n\n' +
        '--format json prints { schemaVersion: 1, dryRun, results: [{ alarmManager, type, monitor, … }] }: ' +
        'after a sync each result has created, updated, unchanged, stale, deleted and pending ([{ rule, reason }]); ' +
        'with --dry-run it has diff: true and create, update ([{ name, fields }]), unchanged, stale, delete ' +
        'and pending, or diff: false and rules for a provider that cannot compare.',
    )
    .option('--config <file>', 'config file', 'driftwatch.yaml')
    .option('--dry-run', 'compare with the provider and print what would change; change nothing')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (flags: { config: string; dryRun?: boolean; format: 'table' | 'json' }) => {
      const { loaded, container } = await openConfig(flags.config);
      const managers = container.get(alarmManagersToken);
      if (managers.length === 0) {
        throw new ConfigError(
          'alarms: no alarm manager configured (add alarms: [{ type: cloudwatch, … }]; "driftwatch plugins" lists the types)',
          {
            issues: [{ path: 'alarms', message: 'no alarm manager configured' }],
          },
        );
      }
      const entries: AlarmsSyncEntry[] = [];
      const emit = (entry: AlarmsSyncEntry) => {
        entries.push(entry);
        if (flags.format === 'table') process.stdout.write(formatEntry(entry));
      };
      for (const { path, provider } of managers) {
        for (const monitor of loaded.config.monitors) {
          const rules = alarmRules(monitor);
          if (rules.length === 0) continue;
          const where = { alarmManager: path, type: provider.type, monitor: monitor.name };
          const call = async <T>(what: () => Promise<T>): Promise<T> => {
            try {
              return await what();
            } catch (error) {
              if (isDriftwatchError(error)) throw error;
              throw new ProviderError(provider.type, flags.dryRun ? 'plan' : 'sync', loaded.redactor.text((error as Error).message), {
                cause: error,
              });
            }
          };
          if (flags.dryRun) {
            if (!provider.plan) {
              emit({ ...where, diff: false, rules: rules.map((r) => r.name) });
              continue;
            }
            const plan = await call(() => provider.plan!(rules, { monitor: monitor.name }));
            emit({ ...where, diff: true, ...plan });
            continue;
          }
          const result = await call(() => provider.sync(rules, { monitor: monitor.name }));
          emit({
            ...where,
            created: result.created,
            updated: result.updated,
            unchanged: result.unchanged,
            stale: result.stale ?? [],
            deleted: result.deleted ?? [],
            pending: result.pending ?? [],
          });
        }
      }
      if (flags.format === 'json') {
        process.stdout.write(
          `${JSON.stringify({ schemaVersion: alarmsSyncSchemaVersion, dryRun: flags.dryRun === true, results: entries }, null, 2)}\n`,
        );
      }
    });
  return alarms;
}
