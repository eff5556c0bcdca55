import type { CalibrationCell, CalibrationTable } from './CalibrationTable.js';
import { falseAlarmBand } from './falseAlarmBand.js';
import { falseAlarmTable } from './falseAlarmTable.js';

/** The column a false-alarm rate is looked up for. */
export interface FalseAlarmColumn {
  /** Numeric columns match the numeric scenarios, categorical and boolean ones the categorical scenarios. */
  readonly kind: 'numeric' | 'categorical' | 'boolean';
  /** Values tested on each side (missing values excluded). */
  readonly reference: number;
  readonly current: number;
  /** Categories over both sides (categorical columns): picks the scenario with the nearest count. */
  readonly categories?: number;
  /** Only these scenarios (e.g. the continuous ones for a column known to have no ties). */
  readonly scenarios?: readonly string[];
}

/** A method's measured false-alarm rate at the measured sizes nearest a column's. */
export interface FalseAlarmEstimate {
  readonly method: string;
  readonly measure: 'p_value' | 'distance';
  /** The default threshold the rate was measured at. */
  readonly threshold: number;
  /** Lowest and highest rate over the matching scenarios (one scenario: equal). */
  readonly low: number;
  readonly high: number;
  /** The matching scenarios, e.g. the four numeric distributions. */
  readonly scenarios: readonly string[];
  /** Sizes of the measured cell (reference/current rows). */
  readonly reference: number;
  readonly current: number;
  /** Fewest columns a matching rate rests on. */
  readonly columns: number;
  /** p-value methods: whether every matching rate lies within threshold ± 2 binomial standard errors. */
  readonly withinBand?: boolean;
}

/**
 * Looks up how often `method` flags a same-distribution column like `column` in the calibration table:
 * the cell whose current size is nearest the column's (on a log scale), with the nearest ratio of
 * reference to current rows, over the scenarios of the column's kind (numeric: the four numeric
 * distributions, or only the discrete one for a categorical method; categorical: the scenario whose
 * number of categories is nearest). `undefined` when the table has no figure for that method there.
 */
export function falseAlarmRate(
  method: string,
  column: FalseAlarmColumn,
  table: CalibrationTable = falseAlarmTable,
): FalseAlarmEstimate | undefined {
  const info = table.methods.find((m) => m.name === method);
  if (info === undefined || column.current <= 0 || column.reference <= 0) return undefined;
  const current = nearest(table.sizes, column.current);
  const ratio = nearest(table.ratios, column.reference / column.current);
  const reference = current * ratio;
  const cells = table.cells.filter(
    (c) =>
      c.shift === null &&
      c.reference === reference &&
      c.current === current &&
      c.methods[method] &&
      (column.scenarios === undefined || column.scenarios.includes(c.scenario)),
  );
  const numeric = table.scenarios.filter((s) => s.kind === 'numeric').map((s) => s.name);
  const categorical = table.scenarios.filter((s) => s.kind === 'categorical');
  let matching: CalibrationCell[];
  if (column.kind === 'numeric') matching = cells.filter((c) => numeric.includes(c.scenario));
  else {
    const withCounts = categorical.filter((s) => cells.some((c) => c.scenario === s.name));
    if (withCounts.length === 0) return undefined;
    const k = column.categories ?? 0;
    const best =
      k > 0
        ? withCounts.reduce((a, b) => (Math.abs(Math.log((a.categories ?? 1) / k)) <= Math.abs(Math.log((b.categories ?? 1) / k)) ? a : b))
        : undefined;
    matching = cells.filter((c) => (best ? c.scenario === best.name : withCounts.some((s) => s.name === c.scenario)));
  }
  const rates = matching.flatMap((c) => {
    const [alarms, tested] = c.methods[method];
    return tested > 0 ? [{ scenario: c.scenario, rate: alarms / tested, tested }] : [];
  });
  if (rates.length === 0) return undefined;
  const columns = Math.min(...rates.map((r) => r.tested));
  return {
    method,
    measure: info.measure,
    threshold: info.threshold,
    low: Math.min(...rates.map((r) => r.rate)),
    high: Math.max(...rates.map((r) => r.rate)),
    scenarios: rates.map((r) => r.scenario),
    reference,
    current,
    columns,
    ...(info.measure === 'p_value'
      ? {
          withinBand: rates.every((r) => {
            const band = falseAlarmBand(info.threshold, r.tested);
            return r.rate >= band.low && r.rate <= band.high;
          }),
        }
      : {}),
  };
}

/** The value of `values` nearest `x` on a log scale (ties: the smaller). */
function nearest(values: readonly number[], x: number): number {
  let best = values[0];
  for (const v of values) if (Math.abs(Math.log(v / x)) < Math.abs(Math.log(best / x))) best = v;
  return best;
}

/**
 * One line for a report or `--help`: "4.8% (4.1–5.6% over 4 scenarios) at 1000/1000 rows, threshold 0.05".
 */
export function describeFalseAlarmRate(e: FalseAlarmEstimate): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const rate = e.low === e.high ? pct(e.low) : `${pct(e.low)}–${pct(e.high)}`;
  const over = e.scenarios.length > 1 ? ` over ${e.scenarios.length} scenarios` : ` (${e.scenarios[0]})`;
  return `${rate}${over} at ${e.reference}/${e.current} rows, threshold ${e.threshold}`;
}
