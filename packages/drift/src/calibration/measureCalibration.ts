import type { DriftDefaults } from '@driftwatch/core';
import { driftDefaultSets } from '@driftwatch/core';
import { ExactDriftEngine } from '../engine/ExactDriftEngine.js';
import type { DriftMethod } from '../methods/DriftMethod.js';
import { driftMethods } from '../methods/driftMethods.js';
import type { AlarmCount, CalibrationCell, CalibrationTable } from './CalibrationTable.js';
import { calibrationScenarios, calibrationShifts } from './calibrationScenarios.js';
import { measureCalibrationCell } from './measureCalibrationCell.js';
import { type CalibrationPlan, calibrationDefaults, type PlannedCell, planCalibration } from './planCalibration.js';

/** Version of the table's JSON shape and of the scenarios' draws; bump when either changes. */
export const calibrationTableVersion = 1;

/** Measures one planned cell through an engine (every method, both default sets). */
export function measurePlannedCell(cell: PlannedCell, engine: ExactDriftEngine = new ExactDriftEngine()): CalibrationCell {
  const m = measureCalibrationCell(engine, {
    scenario: cell.scenario,
    shift: cell.shift ?? undefined,
    reference: cell.reference,
    current: cell.current,
    repetitions: cell.repetitions,
    seed: cell.seed,
    methods: cell.methods,
    limits: cell.limits,
    defaults: driftDefaultSets,
  });
  const methods: Record<string, AlarmCount> = {};
  for (const [name, c] of Object.entries(m.methods)) methods[name] = [c.alarms, c.tested];
  return {
    scenario: cell.scenario.name,
    shift: cell.shift,
    reference: cell.reference,
    current: cell.current,
    repetitions: cell.repetitions,
    methods,
    ...(Object.keys(cell.measuredAt).length > 0 ? { measuredAt: cell.measuredAt } : {}),
    defaults: m.defaults as Record<DriftDefaults, CalibrationCell['defaults'][DriftDefaults]>,
  };
}

/**
 * Puts measured cells into a table, filling the methods measured at other sizes (`measuredAt`) from
 * those cells when the run has them.
 */
export function assembleCalibrationTable(
  plan: CalibrationPlan,
  measured: readonly CalibrationCell[],
  generator: string,
  methods: readonly DriftMethod[] = driftMethods,
): CalibrationTable {
  const key = (scenario: string, shift: string | null, r: number, c: number) => `${scenario}|${shift}|${r}|${c}`;
  const byKey = new Map(measured.map((c) => [key(c.scenario, c.shift, c.reference, c.current), c]));
  const cells = measured.map((cell) => {
    if (cell.measuredAt === undefined) return cell;
    const filled: Record<string, AlarmCount> = { ...cell.methods };
    for (const [method, [r, c]] of Object.entries(cell.measuredAt)) {
      const source = byKey.get(key(cell.scenario, cell.shift, r, c))?.methods[method];
      if (source !== undefined) filled[method] = source;
    }
    return { ...cell, methods: filled };
  });
  return {
    version: calibrationTableVersion,
    generator,
    generatedAt: new Date().toISOString(),
    seed: plan.seed ?? calibrationDefaults.seed,
    repetitions: plan.repetitions ?? calibrationDefaults.repetitions,
    sizes: plan.sizes ?? calibrationDefaults.sizes,
    ratios: plan.ratios ?? calibrationDefaults.ratios,
    scenarios: calibrationScenarios
      .filter((s) => plan.scenarios === undefined || plan.scenarios.includes(s.name))
      .map((s) => ({ name: s.name, kind: s.kind, description: s.description, ...(s.categories ? { categories: s.categories } : {}) })),
    shifts: calibrationShifts,
    methods: methods.map((m) => ({ name: m.name, measure: m.measure, threshold: m.defaultThreshold, rule: m.rule })),
    cells,
  };
}

/** Plans, measures and assembles a calibration table in this thread. */
export function measureCalibration(
  plan: CalibrationPlan = {},
  options: { readonly generator?: string; readonly onCell?: (cell: CalibrationCell, done: number, total: number) => void } = {},
): CalibrationTable {
  const engine = new ExactDriftEngine();
  const planned = planCalibration(plan);
  const measured: CalibrationCell[] = [];
  for (const cell of planned) {
    measured.push(measurePlannedCell(cell, engine));
    options.onCell?.(measured[measured.length - 1], measured.length, planned.length);
  }
  return assembleCalibrationTable(plan, measured, options.generator ?? 'measureCalibration');
}
