import type { DriftwatchPlugin, PortName } from '@driftwatch/core';

/** A provider a plugin declares before it is imported: its port and its `type:`. */
export interface ProviderDeclaration {
  readonly port: PortName;
  readonly type: string;
}

/**
 * A plugin known by the providers it declares (its package's manifest) and imported only when a config or a
 * flag names one of them: importing a plugin loads its options schemas, which a config that uses none of its
 * providers does not need (`config validate` imported seven bundled plugins for ~0.36 s of CPU). The registry
 * checks that the imported plugin registers exactly what it declared.
 */
export interface DeclaredPlugin {
  readonly name: string;
  readonly declares: readonly ProviderDeclaration[];
  /** Imports the plugin. */
  load(): Promise<DriftwatchPlugin>;
}

/** True for a {@link DeclaredPlugin}, false for a plugin already imported. */
export function isDeclaredPlugin(plugin: DriftwatchPlugin | DeclaredPlugin): plugin is DeclaredPlugin {
  return 'declares' in plugin;
}
