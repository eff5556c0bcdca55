import type { Column, DriftReport, Frame } from '@driftwatch/core';
import { falseAlarmRate } from '@driftwatch/drift';
import { categoricalBars } from '../binned/categoricalBars.js';
import { numericHistogram } from '../binned/numericHistogram.js';
import { embeddingMethodLabel } from '../format/embeddingMethodLabel.js';
import { datasetDriftVerdict } from './datasetDriftVerdict.js';
import type { ColumnDistribution, DriftRow, ReportModel, TextColumnSummary } from './ReportModel.js';

/** Histogram bins per numeric column in reports. */
const reportBins = 30;
/** Bars per categorical column; the rest are summed as "other". */
const reportTopK = 20;

/**
 * A report row of each column's drift result, with the method's measured false-alarm rate at the
 * column's sample sizes (values tested on each side; with the frames, categorical columns are matched
 * to the measured scenario with the nearest number of categories).
 */
export function driftRows(report: DriftReport, frames?: { readonly reference: Frame; readonly current: Frame }): DriftRow[] {
  return report.columns.map((c) => {
    const { text: _text, ...rest } = c;
    const row: DriftRow = { ...rest, method: embeddingMethodLabel(c), drifted: c.skipped !== undefined ? null : c.drifted };
    if (c.skipped !== undefined || (c.kind !== 'numeric' && c.kind !== 'categorical' && c.kind !== 'boolean')) return row;
    const e = falseAlarmRate(c.method, {
      kind: c.kind,
      reference: c.reference.rows - c.reference.missing,
      current: c.current.rows - c.current.missing,
      categories: c.kind === 'numeric' ? undefined : categoriesOf(c.column, frames),
    });
    if (e === undefined) return row;
    return {
      ...row,
      falseAlarms: { low: e.low, high: e.high, threshold: e.threshold, reference: e.reference, current: e.current, scenarios: e.scenarios },
    };
  });
}

/** Categories present on either side of a categorical column of the frames. */
function categoriesOf(name: string, frames: { readonly reference: Frame; readonly current: Frame } | undefined): number | undefined {
  if (!frames) return undefined;
  const seen = new Set<string>();
  for (const frame of [frames.reference, frames.current]) {
    const column = frame.columns.find((x) => x.name === name);
    if (column?.kind !== 'categorical' && column?.kind !== 'boolean') return undefined;
    const used = new Uint8Array(column.dictionary.length);
    for (let i = 0; i < column.codes.length; i++) if (column.codes[i] >= 0) used[column.codes[i]] = 1;
    for (let k = 0; k < used.length; k++) if (used[k] === 1) seen.add(column.dictionary[k]);
  }
  return seen.size;
}

/** The binned reference and current distributions of one column, or nothing for kinds that have no chart. */
export function columnDistribution(reference: Column, current: Column): ColumnDistribution | undefined {
  if ((reference.kind === 'numeric' || reference.kind === 'datetime') && reference.kind === current.kind) {
    const summary = numericHistogram(reference.values, current.values, reportBins);
    return { column: reference.name, summary: reference.kind === 'datetime' ? { ...summary, axis: 'datetime' } : summary };
  }
  if (
    (reference.kind === 'categorical' || reference.kind === 'boolean') &&
    (current.kind === 'categorical' || current.kind === 'boolean')
  ) {
    return {
      column: reference.name,
      summary: categoricalBars(reference.codes, reference.dictionary, current.codes, current.dictionary, reportTopK),
    };
  }
  return undefined;
}

/** Binned distributions of `columns` present on both sides of `frames`. */
/** The report's two inputs, reference first, as the report's header lists them. */
export function sourcesOf(report: {
  readonly reference: { readonly source: string; readonly rows: number };
  readonly current: { readonly source: string; readonly rows: number };
}): ReportModel['sources'] {
  return [
    { label: 'Reference', path: report.reference.source, rows: report.reference.rows },
    { label: 'Current', path: report.current.source, rows: report.current.rows },
  ];
}

export function distributionsOf(
  columns: readonly string[],
  frames: { readonly reference: Frame; readonly current: Frame } | undefined,
): ColumnDistribution[] {
  const out: ColumnDistribution[] = [];
  if (!frames) return out;
  for (const name of columns) {
    const reference = frames.reference.columns.find((x) => x.name === name);
    const current = frames.current.columns.find((x) => x.name === name);
    const distribution = reference && current ? columnDistribution(reference, current) : undefined;
    if (distribution) out.push(distribution);
  }
  return out;
}

/**
 * The HTML report of one drift check: the dataset verdict, the drift table
 * and, when the frames are given, binned distributions of every tested column
 * (never raw rows, so the page stays small however big the data).
 */
export function driftReportModel(
  report: DriftReport,
  frames?: { readonly reference: Frame; readonly current: Frame },
  title = 'Driftwatch drift report',
): ReportModel {
  const distributions = distributionsOf(
    report.columns.map((c) => c.column),
    frames,
  );
  const text = textSummaries(report);
  return {
    title,
    generatedAt: report.generatedAt,
    sources: sourcesOf(report),
    verdict: datasetDriftVerdict({ ...report.dataset, skippedColumns: report.columns.filter((c) => c.skipped !== undefined).length }),
    drift: driftRows(report, frames),
    ...(distributions.length > 0 ? { distributions } : {}),
    ...(text.length > 0 ? { text } : {}),
  };
}

/** The text columns' details of a report: content drift, descriptors as drift rows, separating words. */
export function textSummaries(report: DriftReport): TextColumnSummary[] {
  const out: TextColumnSummary[] = [];
  for (const [i, c] of report.columns.entries()) {
    if (c.text === undefined) continue;
    const asReport = { ...report, columns: c.text.descriptors };
    out.push({
      column: c.column,
      content: driftRows({ ...report, columns: [report.columns[i]] })[0] as DriftRow,
      descriptors: driftRows(asReport),
      currentWords: c.text.currentWords,
      referenceWords: c.text.referenceWords,
    });
  }
  return out;
}
