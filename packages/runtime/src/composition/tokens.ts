import type { AlarmManager, AlertChannel, DataSource, MetricsSink } from '@driftwatch/core';
import type { ServiceIdentifier } from 'inversify';
import type { MonitorRunnerOptions } from '../monitor/MonitorRunnerOptions.js';
import type { LifecycleManager } from '../plugins/LifecycleManager.js';
import type { ProviderRegistry } from '../plugins/ProviderRegistry.js';
import type { RetrainingBundle } from '../retraining/RetrainingBundle.js';
import type { RetrainingServiceOptions } from '../retraining/RetrainingServiceOptions.js';

// What the use cases inject. The use cases' own tokens are in serviceTokens.ts, so no file a use case
// imports refers back to it (not even by type).

/** Opens a data source from its config: `{ type, ...options }` (type defaults from the file extension). */
export type DataSourceFactory = (
  spec: { readonly type?: string; readonly path?: string; readonly [option: string]: unknown },
  configPath: string,
) => Promise<DataSource>;

/** A provider created from config, with the config path that made it (for messages and results). */
export interface Configured<T> {
  /** Config path, e.g. `monitors[0].sinks[1]`. */
  readonly path: string;
  /** A channel's `name:` (default its type); for other providers, the type. */
  readonly name: string;
  readonly provider: T;
  /** Sinks: the key of the sink's outbox in the run store (its type and a hash of its options). */
  readonly key?: string;
  /** Sinks and channels: their own deadline of a call in ms (`timeout:`), over `providers.timeout`. */
  readonly timeoutMs?: number;
}

/** The sinks a monitor publishes to: the top-level ones, then its own. */
export type MonitorSinks = (monitor: string) => readonly Configured<MetricsSink>[];

export const providerRegistryToken = Symbol.for('driftwatch.runtime.ProviderRegistry') as ServiceIdentifier<ProviderRegistry>;
export const dataSourceFactoryToken = Symbol.for('driftwatch.runtime.DataSourceFactory') as ServiceIdentifier<DataSourceFactory>;
export const monitorSinksToken = Symbol.for('driftwatch.runtime.MonitorSinks') as ServiceIdentifier<MonitorSinks>;
/** Every sink of the config, top-level and monitors', each once (what `driftwatch sinks flush` drains). */
export const configuredSinksToken = Symbol.for('driftwatch.runtime.ConfiguredSinks') as ServiceIdentifier<
  readonly Configured<MetricsSink>[]
>;
export const alertChannelsToken = Symbol.for('driftwatch.runtime.AlertChannels') as ServiceIdentifier<readonly Configured<AlertChannel>[]>;
export const alarmManagersToken = Symbol.for('driftwatch.runtime.AlarmManagers') as ServiceIdentifier<readonly Configured<AlarmManager>[]>;
export const monitorRunnerOptionsToken = Symbol.for('driftwatch.runtime.MonitorRunnerOptions') as ServiceIdentifier<MonitorRunnerOptions>;
export const retrainingBundlesToken = Symbol.for('driftwatch.runtime.RetrainingBundles') as ServiceIdentifier<
  ReadonlyMap<string, RetrainingBundle>
>;
export const retrainingOptionsToken = Symbol.for('driftwatch.runtime.RetrainingOptions') as ServiceIdentifier<RetrainingServiceOptions>;
/** The lifecycle of every provider the container created: shut it down when the command ends. */
export const providerLifecycleToken = Symbol.for('driftwatch.runtime.ProviderLifecycle') as ServiceIdentifier<LifecycleManager>;
