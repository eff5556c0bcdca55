import type { DriftDefaults } from '@driftwatch/core';
import type { DriftRule } from '../methods/DriftMethod.js';
import type { ScenarioKind } from './calibrationScenarios.js';

/** Alarms among tested columns: `[alarms, tested]`. */
export type AlarmCount = readonly [alarms: number, tested: number];

/** One measured cell: a scenario (optionally shifted) at one pair of sample sizes. */
export interface CalibrationCell {
  readonly scenario: string;
  /** `null`: no drift (false-alarm rates); else the shift of the current sample (detection rates). */
  readonly shift: string | null;
  readonly reference: number;
  readonly current: number;
  readonly repetitions: number;
  /** Per method, alarms among the columns it tested. */
  readonly methods: Readonly<Record<string, AlarmCount>>;
  /**
   * Methods whose figures were measured at other sizes with the same law: `empirical_mmd` subsamples both
   * sides to 1000 values, so every cell with both sides ≥ 1000 is its 1000/1000 cell.
   */
  readonly measuredAt?: Readonly<Record<string, readonly [reference: number, current: number]>>;
  /** Per default set: alarms over all columns, and how many columns each chosen method tested. */
  readonly defaults: Readonly<
    Record<DriftDefaults, { readonly alarms: number; readonly tested: number; readonly chosen: Readonly<Record<string, number>> }>
  >;
}

/** The calibration benchmark's results: `falseAlarmTable.json`. */
export interface CalibrationTable {
  readonly version: number;
  /** The script that wrote it, relative to the repository root. */
  readonly generator: string;
  readonly generatedAt: string;
  readonly seed: number;
  readonly repetitions: number;
  /** Current-sample sizes; the reference has `ratio` times as many rows. */
  readonly sizes: readonly number[];
  readonly ratios: readonly number[];
  readonly scenarios: readonly {
    readonly name: string;
    readonly kind: ScenarioKind;
    readonly description: string;
    readonly categories?: number;
  }[];
  readonly shifts: readonly { readonly name: string; readonly description: string }[];
  readonly methods: readonly {
    readonly name: string;
    readonly measure: 'p_value' | 'distance';
    readonly threshold: number;
    readonly rule: DriftRule;
  }[];
  readonly cells: readonly CalibrationCell[];
}
