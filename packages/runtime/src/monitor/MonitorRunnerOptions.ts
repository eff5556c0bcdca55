import type { MonitorRunResult } from '@driftwatch/core';
import type { MonitorConfig } from '../config/driftwatchConfigSchema.js';
import type { ResolvedReference } from '../retraining/resolveReference.js';
import type { SinkDeliveryOptions } from '../sinks/SinkDeliveryOptions.js';
import type { DeliveryPolicy } from './deliverAlert.js';
import type { MonitorExtension, MonitorFrames } from './MonitorExtension.js';

/** Settings of the `MonitorRunner`; every field has a default. */
export interface MonitorRunnerOptions {
  /** Add result sections and points to every run (model quality, windows). Default none. */
  readonly extensions?: readonly MonitorExtension[];
  /** Alert delivery retries and the deadline of each attempt. */
  readonly delivery?: Partial<DeliveryPolicy>;
  /** The sinks' call deadline and outbox bounds (`providers:` in config). */
  readonly sinks?: Partial<SinkDeliveryOptions>;
  /** How long a run's lock on its monitor lasts before another process may take it over. Default 1 hour. */
  readonly lockTtlMs?: number;
  /** Scrubs secrets from error messages and reasons kept in results. Default: identity. */
  readonly redact?: (text: string) => string;
  /**
   * Memory budget of every monitor's data in bytes (`run --max-memory`), over each monitor's
   * `drift.maxMemory` and {@link defaultMaxMemory}. See `drift.maxMemory`.
   */
  readonly maxMemoryBytes?: number;
  /**
   * The budget of a monitor without `drift.maxMemory` (the config's top-level `maxMemory`, else
   * `25%`), read when a run starts. Absent, with neither of the others: no budget (runs read whole).
   */
  readonly defaultMaxMemory?: string | number;
  /** Clock, for tests. */
  readonly now?: () => Date;
  /** The reference of a run (a `reference: { from: champion }` follows the serving version). Default: the config's source. */
  readonly reference?: (monitor: MonitorConfig, index: number) => Promise<ResolvedReference>;
  /**
   * Called with each computed result (and the frames read, none when drift was summarised over the
   * memory budget) before it is recorded; the sections it
   * returns are added to the result (retraining adds `retraining`). It must
   * not throw for outcomes it can record itself.
   */
  readonly postRun?: (
    monitor: MonitorConfig,
    result: MonitorRunResult,
    frames: MonitorFrames | undefined,
  ) => Promise<Readonly<Record<string, unknown>> | undefined>;
}
