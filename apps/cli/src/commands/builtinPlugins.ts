import { ConfigError, type DriftwatchPlugin, isDriftwatchPlugin } from '@driftwatch/core';
import { localPlugin } from '@driftwatch/plugin-local';
import { type DeclaredPlugin, isDeclaredPlugin, type ProviderDeclaration } from '@driftwatch/runtime';
import { postgresPlugin } from '@driftwatch/store-postgres/plugin';
import { sqlitePlugin } from '@driftwatch/store-sqlite/plugin';

/**
 * The cloud plugins (and the PostgreSQL job queue) shipped with the CLI, used when installed: each package's `/manifest`
 * declares the providers of its `/plugin` entry (the provider definitions alone, whose SDKs load when a config first
 * creates one of them), which is imported when a config names one of them.
 */
export const bundledPlugins = [
  '@driftwatch/plugin-aws-bedrock',
  '@driftwatch/plugin-aws-cloudwatch',
  '@driftwatch/plugin-aws-sagemaker',
  '@driftwatch/plugin-gcp-monitoring',
  '@driftwatch/plugin-prometheus',
  '@driftwatch/plugin-opentelemetry',
  '@driftwatch/queue-postgres',
] as const;

/**
 * The plugins always available to a config: the local providers, the SQLite store (its native driver loads when a config
 * creates it), the PostgreSQL store (its driver, pg, likewise) and the bundled plugins as their manifests declare them.
 * `check` never needs the bundled ones; a config imports those it names (`config validate` of a config naming none took
 * ~0.36 s of CPU importing all seven, each with its own zod). One that is not installed is left out, so its types are
 * simply unknown.
 */
export async function declaredBuiltinPlugins(): Promise<(DriftwatchPlugin | DeclaredPlugin)[]> {
  const plugins: (DriftwatchPlugin | DeclaredPlugin)[] = [localPlugin, sqlitePlugin, postgresPlugin];
  for (const name of bundledPlugins) {
    let module: { manifest: { name: string; providers: readonly ProviderDeclaration[] } };
    try {
      module = await import(`${name}/manifest`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') continue;
      throw error;
    }
    const { manifest } = module;
    plugins.push({
      name: manifest.name,
      declares: manifest.providers,
      load: async () => {
        const plugin = ((await import(`${name}/plugin`)) as { default?: unknown }).default;
        if (!isDriftwatchPlugin(plugin))
          throw new ConfigError(`${name}/plugin: its default export is not a Driftwatch plugin`, { code: 'CONFIG_PLUGIN' });
        return plugin;
      },
    });
  }
  return plugins;
}

/** The built-in plugins, every one imported: for listing every provider (`driftwatch plugins`) or building a config. */
export async function builtinPlugins(): Promise<DriftwatchPlugin[]> {
  return Promise.all((await declaredBuiltinPlugins()).map((plugin) => (isDeclaredPlugin(plugin) ? plugin.load() : plugin)));
}
