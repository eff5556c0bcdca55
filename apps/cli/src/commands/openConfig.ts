import type { createContainer, LoadedConfig } from '@driftwatch/runtime';
import type { ComposeOptions } from './composeFromConfig.js';

/** The process's container, as the composition root builds it. */
export type AppContainer = Awaited<ReturnType<typeof createContainer>>;

/**
 * Loads `--config FILE` (default `./driftwatch.yaml`) with the built-in plugins and composes the
 * process from it (composeFromConfig.ts). Imported here, when a command runs: the runtime's config
 * loading and composition, the built-in plugins and the stores load for the command, not for its help.
 */
export async function openConfig(
  configFlag: string | undefined,
  options: ComposeOptions = {},
): Promise<{ loaded: LoadedConfig; container: AppContainer }> {
  return (await import('./composeFromConfig.js')).composeFromConfig(configFlag, options);
}
