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
  /** Clock, for tests. */
  readonly now?: () => Date;
  /** The reference of a run (a `reference: { from: champion }` follows the serving version). Default: the config's source. */
  readonly reference?: (monitor: MonitorConfig, index: number) => Promise<ResolvedReference>;
  /**
   * Called with each computed result before it is recorded; the sections it
   * returns are added to the result (retraining adds `retraining`). It must
   * not throw for outcomes it can record itself.
   */
  readonly postRun?: (
    monitor: MonitorConfig,
    result: MonitorRunResult,
    frames: MonitorFrames,
  ) => Promise<Readonly<Record<string, unknown>> | undefined>;
}
