import type { PortName, ProviderDefinition } from '@driftwatch/core';

/** What a provider does inside a monitor: which side it reads, or which part of the retraining loop it is. */
export type ProviderRole = 'reference' | 'current' | 'trainer' | 'evaluator' | 'registry' | 'deployer';

/**
 * One provider a config names, resolved: its definition found, its options
 * parsed (once) by the provider's own schema. The composition root creates
 * it from this without looking at the config again.
 */
export interface PlannedProvider {
  readonly port: PortName;
  readonly type: string;
  /** Where the config names it, e.g. `monitors[0].sinks[1]`; messages and results use it. */
  readonly configPath: string;
  /** A channel's `name:` (default its type); the type for other providers. */
  readonly name: string;
  /** The monitor it belongs to; absent for the top-level store, sinks, channels and alarm managers. */
  readonly monitor?: string;
  /** The evaluation suite whose `promotion:` names it (its registry or deployer). */
  readonly evaluation?: string;
  readonly role?: ProviderRole;
  /** The options as the provider's schema parsed them (defaults filled in). */
  readonly options: unknown;
  /** A sink's or channel's own `timeout:` in ms, overriding `providers.timeout` for its calls. */
  readonly timeoutMs?: number;
  readonly definition: ProviderDefinition;
}

/** Every provider of a config, in config order: the store first, then sinks, channels, alarm managers and each monitor's. */
export type ProviderPlan = readonly PlannedProvider[];
