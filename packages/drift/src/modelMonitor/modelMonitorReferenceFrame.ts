import type { Column, ColumnSpec, Frame, Schema } from '@driftwatch/core';
import type { ModelMonitorConstraints, ModelMonitorFeatureStatistics, ModelMonitorStatistics } from './modelMonitorSchemas.js';

/** A Model Monitor baseline a reference frame was rebuilt from, and where its run's violations go. */
export interface AttachedModelMonitorBaseline {
  readonly statistics: ModelMonitorStatistics;
  readonly constraints: ModelMonitorConstraints;
  /** Where the baseline came from (`s3://…/statistics.json`), for messages. */
  readonly source: string;
  /** Folder each run writes `constraint_violations.json` (and the current `statistics.json`) to; none when absent. */
  readonly outputDir?: string;
}

const attached = new WeakMap<Frame, AttachedModelMonitorBaseline>();

/** The baseline a frame was rebuilt from by {@link modelMonitorReferenceFrame}, if it was. */
export function attachedModelMonitorBaseline(frame: Frame): AttachedModelMonitorBaseline | undefined {
  return attached.get(frame);
}

/** The schema of a baseline's features: Integral and Fractional are numeric, String categorical; Unknown ones are left out. */
export function modelMonitorBaselineSchema(statistics: ModelMonitorStatistics): Schema {
  const columns: ColumnSpec[] = [];
  for (const f of statistics.features) {
    if (f.numerical_statistics && (f.inferred_type === 'Integral' || f.inferred_type === 'Fractional'))
      columns.push({ name: f.name, kind: 'numeric' });
    else if (f.string_statistics && f.inferred_type === 'String') columns.push({ name: f.name, kind: 'categorical' });
  }
  return { columns };
}

/**
 * A reference frame rebuilt from a Model Monitor `statistics.json`, so that every drift method
 * can run against a baseline with no raw data: each numeric feature holds its KLL sketch's items,
 * each repeated by its weight (2^level) — its empirical CDF is the sketch's — or, without a
 * sketch, each bucket's count at its upper bound; each String feature holds its category counts;
 * missing values fill the rest of `item_count` rows. Columns are independent marginals in sorted
 * order: row-wise steps (performance, windows) have nothing to pair. `only` restricts the
 * columns (a read schema's non-ignored names).
 */
export function modelMonitorReferenceFrame(baseline: AttachedModelMonitorBaseline, only?: ReadonlySet<string>): Frame {
  const { statistics } = baseline;
  const rows = statistics.dataset.item_count;
  const columns: Column[] = [];
  for (const spec of modelMonitorBaselineSchema(statistics).columns) {
    if (only && !only.has(spec.name)) continue;
    const f = statistics.features.find((x) => x.name === spec.name)!;
    columns.push(spec.kind === 'numeric' ? numericColumn(f, rows) : categoricalColumn(f, rows));
  }
  const frame: Frame = { rowCount: rows, columns, source: baseline.source };
  attached.set(frame, baseline);
  return frame;
}

function numericColumn(f: ModelMonitorFeatureStatistics, rows: number): Column {
  const values = new Float64Array(rows).fill(Number.NaN);
  const kll = f.numerical_statistics?.distribution?.kll;
  let i = 0;
  const put = (v: number, w: number) => {
    for (let r = 0; r < w && i < rows; r++) values[i++] = v;
  };
  if (kll?.sketch?.data.some((level) => level.length > 0)) {
    kll.sketch.data.forEach((level, h) => {
      for (const v of level) put(v, 2 ** h);
    });
  } else if (kll) {
    for (const b of kll.buckets) put(b.upper_bound, Math.round(b.count));
  }
  return { kind: 'numeric', name: f.name, values, invalid: 0 };
}

function categoricalColumn(f: ModelMonitorFeatureStatistics, rows: number): Column {
  const buckets = f.string_statistics?.distribution?.categorical.buckets ?? [];
  const codes = new Int32Array(rows).fill(-1);
  const dictionary: string[] = [];
  let i = 0;
  for (const b of buckets) {
    const code = dictionary.push(b.value) - 1;
    for (let r = 0; r < Math.round(b.count) && i < rows; r++) codes[i++] = code;
  }
  return { kind: 'categorical', name: f.name, codes, dictionary, invalid: 0 };
}
