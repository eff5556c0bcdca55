import { readFile } from 'node:fs/promises';
import { type DriftwatchError, exitStatusFor, isConfigError, isDriftwatchError, isProviderError } from '@driftwatch/core';
import { Command, Option } from 'commander';
import { processRedactor } from '../output/processRedactor.js';
import { toJson } from '../output/toJson.js';
import { openConfig } from './openConfig.js';

/** What `config validate` found in a valid config. */
interface ConfigSummary {
  readonly monitors: string[];
  /** Top-level sinks and every monitor's own. */
  readonly sinks: number;
  readonly alertChannels: number;
  readonly alertRules: number;
  readonly alarmManagers: number;
  readonly store: string;
  /** The config's own plugins (besides the built-in ones), by name. */
  readonly plugins: string[];
  readonly retraining: { monitor: string; trainer: string; registry: string; deployer: string; gate: string }[];
}

/** Loads the config, creates its providers without starting them, and sums it up; throws what it finds wrong. */
async function validate(file: string): Promise<ConfigSummary> {
  const { loaded, container } = await openConfig(file, { startProviders: false });
  // Sources are made per run; made here too (and closed unread), so their factories' checks run:
  // an `events` source over the file store, say.
  const { dataSourceFactoryToken } = await import('@driftwatch/runtime');
  const openSource = container.get(dataSourceFactoryToken);
  for (const planned of loaded.plan) {
    if (planned.port === 'DataSource') await (await openSource({}, planned.configPath)).close?.();
  }
  const c = loaded.config;
  return {
    monitors: c.monitors.map((m) => m.name),
    sinks: c.sinks.length + c.monitors.reduce((n, m) => n + m.sinks.length, 0),
    alertChannels: c.alerts.channels.length,
    alertRules: c.monitors.reduce((n, m) => n + m.alerts.length, 0),
    alarmManagers: c.alarms.length,
    store: c.store.type,
    plugins: loaded.plugins.slice(loaded.plugins.length - c.plugins.length).map((p) => p.name),
    retraining: c.monitors.flatMap((m) =>
      m.retraining
        ? [
            {
              monitor: m.name,
              trainer: m.retraining.trainer.type,
              registry: m.retraining.registry.type,
              deployer: m.retraining.deployer.type,
              gate: m.retraining.gate.metric,
            },
          ]
        : [],
    ),
  };
}

/** A problem `config validate --format json` reports, placed in the file where the path can be. */
interface PlacedIssue {
  readonly path: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/**
 * `config validate --format json`'s report of what is wrong: the exit status, the error's code and
 * message, and each problem with its config path and, where the file holds it, line and column. A
 * config error's problems come placed by loadConfig, or are placed here (a factory's, found after
 * loading); a provider that failed (a plugin factory, exit 4) is one problem, at its config path.
 */
async function failureReport(file: string, error: DriftwatchError) {
  const redactor = processRedactor();
  const { configPathLocator } = await import('@driftwatch/runtime');
  const issues: readonly PlacedIssue[] = isConfigError(error)
    ? error.issues
    : isProviderError(error) && error.configPath !== undefined
      ? [{ path: error.configPath, message: error.message }]
      : [];
  // The file is read again only for problems loadConfig could not place.
  const text = issues.some((i) => i.line === undefined) ? await readFile(file, 'utf8').catch(() => '') : '';
  const locate = configPathLocator(text);
  const placed: PlacedIssue[] = issues.map((issue) => ({
    path: issue.path,
    message: redactor.text(issue.message),
    ...(issue.line === undefined ? locate(issue.path) : { line: issue.line, column: issue.column }),
  }));
  return { ok: false, file, status: exitStatusFor(error), code: error.code, message: redactor.text(error.message), issues: placed };
}

/** `driftwatch config validate|show`. */
export function configCommand(setExitCode: (code: number) => void): Command {
  const config = new Command('config')
    .exitOverride()
    // Set before the subcommands are added, so they inherit it: errors read as the other commands' do.
    .configureOutput({ outputError: (text, write) => write(`driftwatch: ${text}`) })
    .summary('check or print the config')
    .description('Checks or prints the config file.');
  config
    .command('validate')
    .summary('check the config: syntax, every option of every provider, plugins')
    .description(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's ${VAR} syntax, not a template
      'Loads the config and its plugins and checks everything: YAML syntax, ${ENV} substitution, every ' +
        "field and every provider's options, and creates every provider as a run would, so a plugin's own " +
        'checks run too. Starts none: no store file is created, no database connected or migrated, no ' +
        'endpoint called. Prints a summary, or every problem with its path and its place in the file, ' +
        'as (driftwatch.yaml:3:37) (exit 2; 4 when a plugin fails to ' +
        'create its provider). With --format json, the summary or the problems (each with its line and ' +
        'column in the file) are one JSON object on stdout, for editors and CI.',
    )
    .option('--config <file>', 'config file', 'driftwatch.yaml')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      `
Examples:
  driftwatch config validate
  driftwatch config validate --config prod.yaml --format json
    {"ok": false, "status": 2, "issues": [{"path": "sinks[0].flush", "line": 3, "column": 37, …}]}`,
    )
    .action(async (flags: { config: string; format: 'text' | 'json' }) => {
      let summary: ConfigSummary;
      try {
        summary = await validate(flags.config);
      } catch (error) {
        if (flags.format !== 'json' || !isDriftwatchError(error)) throw error;
        process.stdout.write(toJson(await failureReport(flags.config, error)));
        setExitCode(exitStatusFor(error));
        return;
      }
      if (flags.format === 'json') {
        process.stdout.write(toJson({ ok: true, file: flags.config, ...summary }));
        return;
      }
      const c = summary;
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
      const loops = c.retraining.map(
        (r) => `${r.monitor} (trainer ${r.trainer}, registry ${r.registry}, deployer ${r.deployer}, gate ${r.gate})`,
      );
      process.stdout.write(
        `ok: ${flags.config}: ${plural(c.monitors.length, 'monitor')} (${c.monitors.join(', ')}), ${plural(c.sinks, 'sink')}, ` +
          `${plural(c.alertChannels, 'alert channel')}, ${plural(c.alertRules, 'alert rule')}, ${plural(c.alarmManagers, 'alarm manager')}, ` +
          `store ${c.store}${c.plugins.length > 0 ? `, plugins: ${c.plugins.join(', ')}` : ''}` +
          `${loops.length > 0 ? `; retraining: ${loops.join(', ')}` : ''}\n`,
      );
    });
  config
    .command('show')
    .summary('print the config as validated, defaults filled in, secrets redacted (JSON)')
    .description(
      'Prints the config as validated, defaults filled in, as JSON. Secrets are shown as ***: options a provider ' +
        'marks secret, values under credential-like keys (password, secret, token, apiKey, …), the values of ' +
        'Authorization, Proxy-Authorization, Cookie, X-Api-Key and credential-like headers, URL userinfo, ' +
        'credential-like query values (token=, key=, sig=, …) and the values of credential-like environment ' +
        'variables (*_TOKEN, *_SECRET, *_PASSWORD, *_API_KEY, …). Other values from the environment are shown.',
    )
    .option('--config <file>', 'config file', 'driftwatch.yaml')
    .action(async (flags: { config: string }) => {
      const { loaded } = await openConfig(flags.config, { startProviders: false });
      process.stdout.write(toJson(loaded.redactor.value(loaded.config)));
    });
  return config;
}
