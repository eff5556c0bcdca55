import { createContainer, describeProvider, loadConfig, type ProviderInfo, providerRegistryToken } from '@driftwatch/runtime';
import { Command, Option } from 'commander';
import { toJson } from '../output/toJson.js';
import { builtinPlugins } from './builtinPlugins.js';

/** `driftwatch plugins`: every provider with its options. */
export function pluginsCommand(): Command {
  return new Command('plugins')
    .summary('list every provider type with its options')
    .description(
      "Lists the providers of the built-in plugins (and of a config's plugins with --config): port, " +
        'type, plugin, description and options with types, defaults and descriptions.',
    )
    .option('--config <file>', "include this config's plugins")
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (flags: { config?: string; format: 'table' | 'json' }) => {
      const builtin = await builtinPlugins();
      // A config's registry as loading made it (no provider is created just to be listed).
      const registry = flags.config
        ? (await loadConfig(flags.config, { builtinPlugins: builtin })).registry
        : (await createContainer({ plugins: builtin, context: { baseDir: process.cwd(), env: process.env } })).get(providerRegistryToken);
      const providers = registry.list().map(describeProvider);
      process.stdout.write(flags.format === 'json' ? toJson({ providers }) : formatProviders(providers));
    });
}

function formatProviders(providers: readonly ProviderInfo[]): string {
  const lines: string[] = [];
  const portWidth = Math.max(...providers.map((p) => p.port.length));
  const typeWidth = Math.max(...providers.map((p) => p.type.length));
  for (const p of providers) {
    lines.push(`${p.port.padEnd(portWidth)}  ${p.type.padEnd(typeWidth)}  ${p.plugin}`);
    lines.push(`    ${p.description}`);
    for (const o of p.options) {
      const flags = [
        o.required ? 'required' : undefined,
        o.default !== undefined ? `default ${JSON.stringify(o.default)}` : undefined,
        o.secret ? 'secret' : undefined,
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(`    ${o.name}: ${o.type}${flags ? ` (${flags})` : ''}${o.description ? ` — ${o.description}` : ''}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
