import type { DriftReport, Frame, MetricPoint } from '@driftwatch/core';
import type { MonitorConfig } from '../config/driftwatchConfigSchema.js';

/**
 * Both sides of a monitor run, read once with the monitor's schema: every
 * column but `schema.ignore`, rows in file order (so target, prediction and
 * timestamp stay aligned), timestamps as datetimes. Shared by every step of
 * the run: a step that reorders rows works on a copy.
 */
export interface MonitorFrames {
  readonly reference: Frame;
  readonly current: Frame;
  /** Every column name of the current data, including those the reference lacks (which are not read). */
  readonly currentColumnNames?: readonly string[];
}

/** What a {@link MonitorExtension} is given. */
export interface MonitorExtensionInput extends MonitorFrames {
  readonly monitor: MonitorConfig;
  /** The drift report already computed for this run. */
  readonly report: DriftReport;
}

/** What a {@link MonitorExtension} adds to a run. */
export interface MonitorExtensionOutput {
  /** Result sections by key, e.g. `{ performance: {...} }`; added to the run result beside `drift`. */
  readonly sections?: Readonly<Record<string, unknown>>;
  /** Metric points published with the drift points (the runner adds the `monitor` dimension) and checked by alert rules. */
  readonly points?: readonly MetricPoint[];
}

/**
 * The extension point of a monitor run: where model quality (`performance:`)
 * and windowed results (`windows:`) plug in. Called once per run after drift,
 * only when at least one extension is registered (the frames are then read).
 * An extension returns nothing for a monitor it has no settings for. Not
 * called on a run whose drift was summarised over its memory budget
 * (`drift.maxMemory`): such a run holds no rows.
 */
export type MonitorExtension = (input: MonitorExtensionInput) => Promise<MonitorExtensionOutput | undefined>;
