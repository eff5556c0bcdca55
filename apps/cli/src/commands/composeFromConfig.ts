import { createContainer, defaultConfigFile, type LoadedConfig, loadConfig } from '@driftwatch/runtime';
import { processRedactor } from '../output/processRedactor.js';
import { adoptLifecycle, cliProviderContext } from '../providerLifecycles.js';
import { declaredBuiltinPlugins } from './builtinPlugins.js';

/**
 * Loads `--config FILE` (default `./driftwatch.yaml`) with the built-in
 * plugins and composes the process from it: the one container of this
 * process, from which the command takes what it needs. Commands call it through
 * `openConfig` (openConfig.ts), which imports this module when a command runs.
 */
export async function composeFromConfig(
  configFlag: string | undefined,
  options: { readonly progress?: boolean; readonly maxMemoryBytes?: number } = {},
): Promise<{ loaded: LoadedConfig; container: Awaited<ReturnType<typeof createContainer>> }> {
  // The config teaches the process's redactor its secrets, so the output guard knows them too.
  const loaded = await loadConfig(configFlag ?? defaultConfigFile, {
    builtinPlugins: await declaredBuiltinPlugins(),
    redactor: processRedactor(),
  });
  // Adopted before any provider is made, so a signal during creation shuts down those already made.
  adoptLifecycle(loaded.registry.lifecycle);
  const container = await createContainer({
    plugins: loaded.plugins,
    context: cliProviderContext(loaded.dir, loaded.env, loaded.redactor),
    config: loaded,
    // Retraining takes minutes to hours: its steps go to stderr as they happen.
    ...(options.maxMemoryBytes !== undefined ? { runner: { maxMemoryBytes: options.maxMemoryBytes } } : {}),
    ...(options.progress ? { retraining: { progress: (line: string) => process.stderr.write(`driftwatch: ${line}\n`) } } : {}),
    // The Bedrock plugin (external to the bundle) and its SDK load when a suite first runs.
    llm: {
      engine: async () => (await import('@driftwatch/plugin-aws-bedrock')).bedrockEvaluationEngine,
      ...(options.progress ? { progress: (line: string) => process.stderr.write(`driftwatch: ${line}\n`) } : {}),
    },
  });
  return { loaded, container };
}
