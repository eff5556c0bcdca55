import { createContainer, defaultConfigFile, type LoadedConfig, loadConfig } from '@driftwatch/runtime';
import { processRedactor } from '../output/processRedactor.js';
import { adoptLifecycle, cliProviderContext } from '../providerLifecycles.js';
import { declaredBuiltinPlugins } from './builtinPlugins.js';

/** How {@link composeFromConfig} composes. */
export interface ComposeOptions {
  /** Retraining and LLM steps to stderr as they happen. */
  readonly progress?: boolean;
  /** `--max-memory`: the runner's bound on what a run holds. */
  readonly maxMemoryBytes?: number;
  /**
   * False to create every provider without starting any (`config validate|show`): factories still
   * check their options, but no store file is created, no database connected or migrated.
   */
  readonly startProviders?: boolean;
}

/**
 * Loads `--config FILE` (default `./driftwatch.yaml`) with the built-in
 * plugins and composes the process from it: the one container of this
 * process, from which the command takes what it needs. Commands call it through
 * `openConfig` (openConfig.ts), which imports this module when a command runs.
 */
export async function composeFromConfig(
  configFlag: string | undefined,
  options: ComposeOptions = {},
): Promise<{ loaded: LoadedConfig; container: Awaited<ReturnType<typeof createContainer>> }> {
  // The config teaches the process's redactor its secrets, so the output guard knows them too.
  const loaded = await loadConfig(configFlag ?? defaultConfigFile, {
    builtinPlugins: await declaredBuiltinPlugins(),
    redactor: processRedactor(),
  });
  if (options.startProviders === false) loaded.registry.lifecycle.startsProviders = false;
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
