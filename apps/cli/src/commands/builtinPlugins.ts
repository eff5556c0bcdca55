import { type DriftwatchPlugin, isDriftwatchPlugin } from '@driftwatch/core';
import { localPlugin } from '@driftwatch/plugin-local';

/** The cloud plugins shipped with the CLI, loaded when installed. */
const bundled = ['@driftwatch/plugin-aws-cloudwatch', '@driftwatch/plugin-aws-sagemaker', '@driftwatch/plugin-gcp-monitoring'] as const;

/**
 * The plugins always available to a config: the local providers and the
 * bundled cloud plugins. The cloud ones are imported on demand (their SDKs
 * take a while to load, and `check` never needs them); one that is not
 * installed is left out, so its types are simply unknown.
 */
export async function builtinPlugins(): Promise<DriftwatchPlugin[]> {
  const plugins: DriftwatchPlugin[] = [localPlugin];
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
