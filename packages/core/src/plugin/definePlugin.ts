import type { z } from 'zod';
import type { AlarmManager } from '../ports/AlarmManager.js';
import type { AlertChannel } from '../ports/AlertChannel.js';
import type { DataSource } from '../ports/DataSource.js';
import type { Deployer } from '../ports/Deployer.js';
import type { Evaluator } from '../ports/Evaluator.js';
import type { JobQueue } from '../ports/JobQueue.js';
import type { MetricsSink } from '../ports/MetricsSink.js';
import type { ModelRegistry } from '../ports/ModelRegistry.js';
import type { RunStore } from '../ports/RunStore.js';
import type { TrainingProvider } from '../ports/TrainingProvider.js';
import type { ProviderContext } from './ProviderContext.js';
import type { ProviderLifecycle } from './ProviderLifecycle.js';

/** The ports a provider can implement, by name. */
export interface PortTypes {
  DataSource: DataSource;
  MetricsSink: MetricsSink;
  AlarmManager: AlarmManager;
  AlertChannel: AlertChannel;
  RunStore: RunStore;
  TrainingProvider: TrainingProvider;
  ModelRegistry: ModelRegistry;
  Evaluator: Evaluator;
  Deployer: Deployer;
  JobQueue: JobQueue;
}

/** One of the port names of {@link PortTypes}. */
export type PortName = keyof PortTypes;

/** The port names, for validation and listings. */
export const portNames: readonly PortName[] = [
  'DataSource',
  'MetricsSink',
  'AlarmManager',
  'AlertChannel',
  'RunStore',
  'TrainingProvider',
  'ModelRegistry',
  'Evaluator',
  'Deployer',
  'JobQueue',
];

/** What a factory returns: the port's implementation, with the optional lifecycle methods. */
export type Provider<P extends PortName = PortName> = PortTypes[P] & ProviderLifecycle;

/** A provider: the implementation of one port, picked by `type` in config. */
export interface ProviderDefinition<P extends PortName = PortName, O = unknown> {
  readonly port: P;
  /** The `type:` that selects it in config, e.g. `jsonl`. */
  readonly type: string;
  /** One line for `driftwatch plugins`. */
  readonly description: string;
  /** Validates and defaults the provider's options. */
  readonly options: z.ZodType<O>;
  /** Makes the provider; the runtime then calls its `start` (see {@link ProviderLifecycle}). */
  create(options: O, context: ProviderContext): Provider<P> | Promise<Provider<P>>;
}

/** A plugin: a named bundle of providers; a package's or file's default export. */
export interface DriftwatchPlugin {
  readonly name: string;
  readonly providers: readonly ProviderDefinition<PortName, any>[];
}

const pluginBrand = Symbol.for('driftwatch.plugin');

/** Declares a provider with its options type inferred from its zod schema. */
export function defineProvider<P extends PortName, S extends z.ZodType>(definition: {
  port: P;
  type: string;
  description: string;
  options: S;
  create(options: z.output<S>, context: ProviderContext): Provider<P> | Promise<Provider<P>>;
}): ProviderDefinition<P, z.output<S>> {
  return definition as ProviderDefinition<P, z.output<S>>;
}

/**
 * Declares a plugin. Checks its shape at once, so a malformed plugin fails
 * where it is written rather than when a config selects it.
 */
export function definePlugin(plugin: DriftwatchPlugin): DriftwatchPlugin {
  if (typeof plugin?.name !== 'string' || plugin.name.length === 0) {
    throw new TypeError('definePlugin: `name` must be a non-empty string');
  }
  if (!Array.isArray(plugin.providers)) {
    throw new TypeError(`definePlugin(${plugin.name}): \`providers\` must be an array`);
  }
  const seen = new Set<string>();
  for (const [i, p] of plugin.providers.entries()) {
    if (!portNames.includes(p?.port)) {
      throw new TypeError(`definePlugin(${plugin.name}): providers[${i}].port must be one of ${portNames.join(', ')}`);
    }
    if (typeof p.type !== 'string' || p.type.length === 0 || typeof p.create !== 'function' || typeof p.options?.safeParse !== 'function') {
      throw new TypeError(`definePlugin(${plugin.name}): providers[${i}] needs a type, a zod options schema and a create function`);
    }
    const key = `${p.port}:${p.type}`;
    if (seen.has(key)) throw new TypeError(`definePlugin(${plugin.name}): two providers for ${key}`);
    seen.add(key);
  }
  return Object.freeze({ ...plugin, [pluginBrand]: true });
}

/** True for values made by {@link definePlugin} (or shaped like one). */
export function isDriftwatchPlugin(value: unknown): value is DriftwatchPlugin {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<DriftwatchPlugin>;
  return typeof v.name === 'string' && Array.isArray(v.providers);
}
