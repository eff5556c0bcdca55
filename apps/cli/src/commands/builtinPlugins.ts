import { type DriftwatchPlugin, isDriftwatchPlugin } from '@driftwatch/core';
import { localPlugin } from '@driftwatch/plugin-local';
import { postgresPlugin } from '@driftwatch/store-postgres/plugin';
import { sqlitePlugin } from '@driftwatch/store-sqlite/plugin';

/**
 * The cloud plugins (and the PostgreSQL job queue) shipped with the CLI, loaded when installed, by their `/plugin` entry: the
 * provider definitions alone, whose SDKs load when a config first creates one of them.
 */
const bundled = [
  '@driftwatch/plugin-aws-bedrock/plugin',
  '@driftwatch/plugin-aws-cloudwatch/plugin',
  '@driftwatch/plugin-aws-sagemaker/plugin',
  '@driftwatch/plugin-gcp-monitoring/plugin',
  '@driftwatch/plugin-prometheus/plugin',
  '@driftwatch/plugin-opentelemetry/plugin',
  '@driftwatch/queue-postgres/plugin',
] as const;

/**
 * The plugins always available to a config: the local providers, the SQLite
 * store (its native driver loads when a config creates it), the PostgreSQL store
 * (its driver, pg, likewise) and the
 * bundled cloud plugins. The cloud ones are imported on demand (`check`
 * never needs them) and load their SDKs only when a provider is created; one
 * that is not installed is left out, so its types are simply unknown.
 */
export async function builtinPlugins(): Promise<DriftwatchPlugin[]> {
  const plugins: DriftwatchPlugin[] = [localPlugin, sqlitePlugin, postgresPlugin];
  for (const name of bundled) {
    let module: { default?: unknown };
    try {
      module = (await import(name as string)) as { default?: unknown };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') continue;
      throw error;
    }
    if (isDriftwatchPlugin(module.default)) plugins.push(module.default);
  }
  return plugins;
}
