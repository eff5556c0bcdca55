import { falseAlarmRate, falseAlarmTable } from '@driftwatch/drift';

interface HelpRow {
  readonly method: string;
  readonly kind: 'numeric' | 'categorical';
  readonly categories?: number;
  readonly scenarios?: readonly string[];
  /** The data the figures are for. */
  readonly column: string;
  /** Which default set picks the method there (n = reference rows). */
  readonly defaults: string;
}

/** The methods `--help` lists: the defaults' methods, and Evidently's where they differ. */
const rows: readonly HelpRow[] = [
  { method: 'ks', kind: 'numeric', scenarios: ['normal', 'skewed', 'heavy-tailed'], column: 'continuous', defaults: 'both' },
  { method: 'ks', kind: 'numeric', scenarios: ['discrete', 'rounded'], column: 'tied values', defaults: 'evidently' },
  { method: 'ks_permutation', kind: 'numeric', scenarios: ['rounded'], column: 'tied values', defaults: 'calibrated' },
  { method: 'z', kind: 'categorical', categories: 2, column: '2 categories', defaults: 'both' },
  { method: 'chi2_contingency', kind: 'categorical', categories: 4, column: '4 categories', defaults: 'calibrated' },
  { method: 'chi2_permutation', kind: 'categorical', categories: 20, column: '20 categories', defaults: 'calibrated' },
  { method: 'chisquare', kind: 'categorical', categories: 4, column: '4 categories', defaults: 'evidently' },
  { method: 'wasserstein', kind: 'numeric', column: 'numeric', defaults: 'n > 1000' },
  { method: 'jensenshannon', kind: 'categorical', categories: 4, column: '4 categories', defaults: 'n > 1000' },
];

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/**
 * The false-alarm rates of the default methods (and of Evidently's where they differ) at equal sample
 * sizes, from the calibration table, as `check --help` prints them; a range spans the scenarios measured.
 */
export function formatFalseAlarmHelp(): string {
  const sizes = falseAlarmTable.sizes;
  const width = 12;
  const line = (method: string, column: string, defaults: string, cells: string[]) =>
    `  ${method.padEnd(17)}${column.padEnd(14)}${defaults.padEnd(11)}${cells.map((c) => c.padStart(width)).join('')}`;
  const lines = [line('method', 'data', 'defaults', sizes.map(String))];
  for (const r of rows) {
    const cells = sizes.map((n) => {
      const e = falseAlarmRate(r.method, { kind: r.kind, reference: n, current: n, categories: r.categories, scenarios: r.scenarios });
      if (e === undefined) return '–';
      return e.low === e.high ? pct(e.low) : `${(100 * e.low).toFixed(1)}–${pct(e.high)}`;
    });
    lines.push(line(r.method, r.column, r.defaults, cells));
  }
  const small = falseAlarmRate('wasserstein', { kind: 'numeric', reference: 2000, current: 200 });
  lines.push(
    "  Evidently's chisquare takes the reference's shares as exact, so it flags ~5x its threshold when",
    "  the samples are of one size. Distances flag by size, not by chance: at the defaults' sizes",
    '  (n > 1000) they rarely flag unchanged columns, but against a small current sample they do',
    `  (wasserstein at ${small?.reference}/${small?.current}: ${small ? `${(100 * small.low).toFixed(0)}–${pct(small.high)}` : '–'}). ` +
      "--format html gives each column's rate at its own sizes.",
  );
  return lines.join('\n');
}
