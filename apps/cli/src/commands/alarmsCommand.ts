import { type AlertRule, ConfigError, isDriftwatchError, ProviderError } from '@driftwatch/core';
import { alarmManagersToken, type MonitorConfig } from '@driftwatch/runtime';
import { Command } from 'commander';
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
        'changes nothing the second time.',
    )
    .option('--config <file>', 'config file', 'driftwatch.yaml')
    .option('--dry-run', 'print the rules that would be synced, change nothing')
    .action(async (flags: { config: string; dryRun?: boolean }) => {
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
      const list = (names: readonly string[]) => (names.length > 0 ? names.join(', ') : '—');
      for (const { path, provider } of managers) {
        for (const monitor of loaded.config.monitors) {
          const rules = alarmRules(monitor);
          if (rules.length === 0) continue;
          const prefix = `${provider.type} (${path}) monitor ${monitor.name}:`;
          if (flags.dryRun) {
            process.stdout.write(`${prefix} would sync ${rules.length} rule(s): ${list(rules.map((r) => r.name))}\n`);
            continue;
          }
          let result: Awaited<ReturnType<typeof provider.sync>>;
          try {
            result = await provider.sync(rules, { monitor: monitor.name });
          } catch (error) {
            if (isDriftwatchError(error)) throw error;
            throw new ProviderError(provider.type, 'sync', loaded.redactor.text((error as Error).message), { cause: error });
          }
          process.stdout.write(
            `${prefix} created ${list(result.created)}; updated ${list(result.updated)}; unchanged ${list(result.unchanged)}\n`,
          );
        }
      }
    });
  return alarms;
}
