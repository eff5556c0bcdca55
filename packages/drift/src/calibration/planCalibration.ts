import type { DriftMethod } from '../methods/DriftMethod.js';
import { driftMethods } from '../methods/driftMethods.js';
import { type CalibrationScenario, calibrationScenarios } from './calibrationScenarios.js';

/** What a calibration run measures. Every field has the published table's value as default. */
export interface CalibrationPlan {
  /** Current-sample sizes (default 50, 200, 1000, 10 000). */
  readonly sizes?: readonly number[];
  /** Reference rows per current row (default 1 and 10). */
  readonly ratios?: readonly number[];
  /** Columns per cell (default 1000: binomial standard error ≤ 0.95 points at α ≤ 0.1). */
  readonly repetitions?: number;
  /** Base seed; each cell's stream is derived from it and the cell's key (default 20261206). */
  readonly seed?: number;
  /** Scenario names (default all). */
  readonly scenarios?: readonly string[];
  /** Method names (default every method that fits the scenario). */
  readonly methods?: readonly string[];
  /** Measure detection rates under the scenarios' shifts (default true), at these ratios (default 1). */
  readonly detection?: boolean;
  readonly detectionRatios?: readonly number[];
}

/** One cell to measure. */
export interface PlannedCell {
  readonly scenario: CalibrationScenario;
  readonly shift: string | null;
  readonly reference: number;
  readonly current: number;
  readonly repetitions: number;
  readonly seed: number;
  readonly methods: readonly string[];
  /** Methods taken from another cell of the same law (see `CalibrationCell.measuredAt`). */
  readonly measuredAt: Readonly<Record<string, readonly [number, number]>>;
  /** Methods measured on fewer columns (the cell's first ones). */
  readonly limits: Readonly<Record<string, number>>;
}

/** Defaults of the published table. */
export const calibrationDefaults = {
  sizes: [50, 200, 1000, 10_000],
  ratios: [1, 10],
  repetitions: 1000,
  seed: 20261206,
} as const;

/** Subsample cap of `empirical_mmd` (values per side). */
const MMD_CAP = 1000;

/**
 * Permutation tests cost permutations × rows per column: above this many rows per column (both sides), and
 * `empirical_mmd` at its full 1000 + 1000 values, they are measured on {@link LARGE_PERMUTATION_REPETITIONS}
 * columns. Their size is at most α by construction; the table records how many columns each figure rests on.
 */
const LARGE_PERMUTATION_ROWS = 20_000;
const LARGE_PERMUTATION_REPETITIONS = 200;
const permutationTests = new Set(['ks_permutation', 'chi2_permutation', 'tvd']);

/**
 * The cells of a calibration run, in a fixed order. A cell's seed depends only on the base seed and the
 * cell's key (scenario, shift, sizes), so any subset of the grid reproduces the published counts of its cells.
 */
export function planCalibration(plan: CalibrationPlan = {}, methods: readonly DriftMethod[] = driftMethods): PlannedCell[] {
  const sizes = plan.sizes ?? calibrationDefaults.sizes;
  const ratios = plan.ratios ?? calibrationDefaults.ratios;
  const repetitions = plan.repetitions ?? calibrationDefaults.repetitions;
  const seed = plan.seed ?? calibrationDefaults.seed;
  const scenarios = calibrationScenarios.filter((s) => plan.scenarios === undefined || plan.scenarios.includes(s.name));
  const cells: PlannedCell[] = [];
  const add = (scenario: CalibrationScenario, shift: string | null, current: number, ratio: number) => {
    const reference = current * ratio;
    const names = methods
      .filter((m) => fits(m, scenario) && (plan.methods === undefined || plan.methods.includes(m.name)))
      .map((m) => m.name);
    const measuredAt: Record<string, readonly [number, number]> = {};
    const measured = names.filter((m) => {
      if (m === 'empirical_mmd' && reference >= MMD_CAP && current >= MMD_CAP && !(reference === MMD_CAP && current === MMD_CAP)) {
        measuredAt[m] = [MMD_CAP, MMD_CAP];
        return false;
      }
      return true;
    });
    const limits: Record<string, number> = {};
    const few = Math.min(repetitions, LARGE_PERMUTATION_REPETITIONS);
    if (reference + current > LARGE_PERMUTATION_ROWS) for (const m of measured) if (permutationTests.has(m)) limits[m] = few;
    // MMD's 100 permutations of a (subsampled) kernel matrix: 1000 + 1000 values cost ~0.2 s a column.
    if (measured.includes('empirical_mmd') && Math.min(reference, MMD_CAP) + Math.min(current, MMD_CAP) >= 2 * MMD_CAP) {
      limits.empirical_mmd = few;
    }
    cells.push({
      scenario,
      shift,
      reference,
      current,
      repetitions,
      seed: cellSeed(seed, scenario.name, shift, reference, current),
      methods: measured,
      measuredAt,
      limits,
    });
  };
  for (const scenario of scenarios) {
    for (const ratio of ratios) for (const n of sizes) add(scenario, null, n, ratio);
    if (plan.detection === false) continue;
    for (const shift of scenario.shifts)
      for (const ratio of plan.detectionRatios ?? [1]) for (const n of sizes) add(scenario, shift, n, ratio);
  }
  return cells;
}

/** Whether a method runs on a scenario's columns (as a `check` would let it). */
function fits(method: DriftMethod, scenario: CalibrationScenario): boolean {
  if (scenario.kind === 'numeric') {
    return method.domain === 'numeric' || method.domain === 'both' || (scenario.discrete === true && method.domain === 'categorical');
  }
  return method.domain === 'categorical' || method.domain === 'both' || (method.domain === 'binary' && scenario.categories === 2);
}

/** FNV-1a of the cell's key, mixed with the base seed. */
function cellSeed(seed: number, scenario: string, shift: string | null, reference: number, current: number): number {
  const key = `${seed}|${scenario}|${shift ?? 'none'}|${reference}|${current}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
