import { type CategoricalColumn, type Column, type DriftDefaults, type Frame, type NumericColumn, Xoshiro128 } from '@driftwatch/core';
import type { ExactDriftEngine } from '../engine/ExactDriftEngine.js';
import type { CalibrationScenario } from './calibrationScenarios.js';

/** Alarms of one method (or one default set) over the repetitions of a cell. */
export interface CellCount {
  /** Columns on which the method raised drift. */
  readonly alarms: number;
  /** Columns the method tested (not skipped). */
  readonly tested: number;
}

/** What one cell (scenario × shift × sample sizes) measured. */
export interface CellMeasurement {
  readonly methods: Readonly<Record<string, CellCount>>;
  /** Per default set: alarms over all columns and, per method it chose, that method's share of the columns. */
  readonly defaults: Readonly<Record<string, CellCount & { readonly chosen: Readonly<Record<string, number>> }>>;
}

/** One cell of the calibration benchmark. */
export interface CellSpec {
  readonly scenario: CalibrationScenario;
  /** A shift of the current sample (detection rate); absent: no drift (false-alarm rate). */
  readonly shift?: string;
  readonly reference: number;
  readonly current: number;
  readonly repetitions: number;
  /** Seed of the cell's {@link Xoshiro128} stream; each repetition draws reference then current from it. */
  readonly seed: number;
  readonly methods: readonly string[];
  /** Fewer columns for some methods (their first ones): permutation tests on large samples are costly. */
  readonly limits?: Readonly<Record<string, number>>;
  readonly defaults: readonly DriftDefaults[];
  /** Values held in memory at once (both sides of a batch of columns); default 4 000 000. */
  readonly batchValues?: number;
}

/**
 * Measures one cell through the engine a `check` uses: the repetitions are the columns of frames (in
 * batches), each method is named for every column in turn (and tests each, few-integer columns too, as
 * when a column names its method), and each default set picks per column as it would in a `check`
 * (few-integer columns tested as categories included). Deterministic for a given spec.
 */
export function measureCalibrationCell(engine: ExactDriftEngine, spec: CellSpec): CellMeasurement {
  const methods: Record<string, { alarms: number; tested: number }> = {};
  for (const m of spec.methods) methods[m] = { alarms: 0, tested: 0 };
  const defaults: Record<string, { alarms: number; tested: number; chosen: Record<string, number> }> = {};
  for (const d of spec.defaults) defaults[d] = { alarms: 0, tested: 0, chosen: {} };

  const rng = new Xoshiro128(spec.seed);
  const perColumn = spec.reference + spec.current;
  const batch = Math.max(1, Math.min(spec.repetitions, Math.floor((spec.batchValues ?? 4_000_000) / perColumn)));
  const dictionary = Array.from({ length: spec.scenario.categories ?? 0 }, (_, i) => `c${i}`);
  for (let done = 0; done < spec.repetitions; done += batch) {
    const count = Math.min(batch, spec.repetitions - done);
    const refColumns: Column[] = [];
    const curColumns: Column[] = [];
    for (let j = 0; j < count; j++) {
      const name = `r${done + j}`;
      refColumns.push(column(spec.scenario, name, spec.reference, rng, undefined, dictionary));
      curColumns.push(column(spec.scenario, name, spec.current, rng, spec.shift, dictionary));
    }
    const ref: Frame = { source: 'reference', rowCount: spec.reference, columns: refColumns };
    const cur: Frame = { source: 'current', rowCount: spec.current, columns: curColumns };
    for (const m of spec.methods) {
      const limit = Math.min(count, (spec.limits?.[m] ?? spec.repetitions) - done);
      if (limit <= 0) continue;
      const columns = limit < count ? refColumns.slice(0, limit).map((c) => c.name) : undefined;
      // The method on every column, as when a column names it: a method named for all columns leaves
      // few-integer columns (discrete counts) to the defaults, as categories (integerCategories).
      const report = engine.compare(ref, cur, {
        methods: { '*': m },
        integerCategories: 0,
        reorderRows: true,
        ...(columns ? { columns } : {}),
      });
      for (const c of report.columns) {
        if (c.skipped !== undefined) continue;
        methods[m].tested++;
        if (c.drifted) methods[m].alarms++;
      }
    }
    for (const d of spec.defaults) {
      const report = engine.compare(ref, cur, { defaults: d, reorderRows: true });
      const out = defaults[d];
      for (const c of report.columns) {
        if (c.skipped !== undefined) continue;
        out.tested++;
        if (c.drifted) out.alarms++;
        out.chosen[c.method] = (out.chosen[c.method] ?? 0) + 1;
      }
    }
  }
  return { methods, defaults };
}

function column(
  scenario: CalibrationScenario,
  name: string,
  rows: number,
  rng: Xoshiro128,
  shift: string | undefined,
  dictionary: readonly string[],
): Column {
  if (scenario.kind === 'numeric') {
    const values = new Float64Array(rows);
    scenario.fill(values, rng, shift);
    return { kind: 'numeric', name, values, invalid: 0 } satisfies NumericColumn;
  }
  const codes = new Int32Array(rows);
  scenario.fill(codes, rng, shift);
  return { kind: 'categorical', name, codes, dictionary, invalid: 0 } satisfies CategoricalColumn;
}
