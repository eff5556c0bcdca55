import { Command } from 'commander';
import { toJson } from '../output/toJson.js';
import { openConfig } from './openConfig.js';

/** `driftwatch config validate|show`. */
export function configCommand(): Command {
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
        'endpoint called. Prints a summary, or every problem with its path (exit 2; 4 when a plugin fails to ' +
        'create its provider).',
    )
    .option('--config <file>', 'config file', 'driftwatch.yaml')
    .action(async (flags: { config: string }) => {
      const { loaded, container } = await openConfig(flags.config, { startProviders: false });
      // Sources are made per run; made here too (and closed unread), so their factories' checks run:
      // an `events` source over the file store, say.
      const { dataSourceFactoryToken } = await import('@driftwatch/runtime');
      const openSource = container.get(dataSourceFactoryToken);
      for (const planned of loaded.plan) {
        if (planned.port === 'DataSource') await (await openSource({}, planned.configPath)).close?.();
      }
      const c = loaded.config;
      const sinks = c.sinks.length + c.monitors.reduce((n, m) => n + m.sinks.length, 0);
      const rules = c.monitors.reduce((n, m) => n + m.alerts.length, 0);
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
      const userPlugins = loaded.plugins.slice(loaded.plugins.length - c.plugins.length).map((p) => p.name);
      const loops = c.monitors
        .filter((m) => m.retraining)
        .map((m) => {
          const r = m.retraining!;
          return `${m.name} (trainer ${r.trainer.type}, registry ${r.registry.type}, deployer ${r.deployer.type}, gate ${r.gate.metric})`;
        });
      process.stdout.write(
        `ok: ${flags.config}: ${plural(c.monitors.length, 'monitor')} (${c.monitors.map((m) => m.name).join(', ')}), ${plural(sinks, 'sink')}, ` +
          `${plural(c.alerts.channels.length, 'alert channel')}, ${plural(rules, 'alert rule')}, ${plural(c.alarms.length, 'alarm manager')}, ` +
          `store ${c.store.type}${userPlugins.length > 0 ? `, plugins: ${userPlugins.join(', ')}` : ''}` +
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
