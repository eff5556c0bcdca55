import type { Column, DriftReport, Frame } from '@driftwatch/core';
import { categoricalBars } from '../binned/categoricalBars.js';
import { numericHistogram } from '../binned/numericHistogram.js';
import { datasetDriftVerdict } from './datasetDriftVerdict.js';
import type { ColumnDistribution, DriftRow, ReportModel } from './ReportModel.js';

/** Histogram bins per numeric column in reports. */
const reportBins = 30;
/** Bars per categorical column; the rest are summed as "other". */
const reportTopK = 20;

/** A report row of one column's drift result. */
export function driftRows(report: DriftReport): DriftRow[] {
  return report.columns.map((c) => ({ ...c, drifted: c.skipped !== undefined ? null : c.drifted }));
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
  return {
    title,
    generatedAt: report.generatedAt,
    sources: [
      { label: 'Reference', path: report.reference.source, rows: report.reference.rows },
      { label: 'Current', path: report.current.source, rows: report.current.rows },
    ],
    verdict: datasetDriftVerdict({ ...report.dataset, skippedColumns: report.columns.filter((c) => c.skipped !== undefined).length }),
    drift: driftRows(report),
    ...(distributions.length > 0 ? { distributions } : {}),
  };
}
