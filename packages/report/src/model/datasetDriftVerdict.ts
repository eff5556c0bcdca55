import { formatNumber } from '../format/formatNumber.js';
import type { ReportVerdict } from './ReportModel.js';

/** The dataset-level figures {@link datasetDriftVerdict} words. */
export interface DatasetDriftFigures {
  readonly drifted: boolean;
  readonly driftedColumns: number;
  readonly testedColumns: number;
  /** driftedColumns / testedColumns. */
  readonly share: number;
  /** The share of drifted columns at which the dataset drifts. */
  readonly datasetShare: number;
  /** Multiple-testing correction applied to p-value thresholds, if any. */
  readonly correction?: string;
  /** Columns that could not be tested. */
  readonly skippedColumns?: number;
  /** The rules that chose the methods of columns without a named one (`calibrated` or `evidently`). */
  readonly defaults?: string;
}

/**
 * The banner for a drift check: "Drift detected in 4 of 12 columns (share 0.33 ≥ 0.3)" or
 * "No dataset drift: 1 of 12 columns drifted (share 0.083 < 0.5)".
 */
export function datasetDriftVerdict(d: DatasetDriftFigures): ReportVerdict {
  const of = `${d.driftedColumns} of ${d.testedColumns} column${d.testedColumns === 1 ? '' : 's'}`;
  const cmp = `share ${formatNumber(d.share)} ${d.drifted ? '≥' : '<'} ${formatNumber(d.datasetShare)}`;
  const details: string[] = [];
  if (d.correction !== undefined && d.correction !== 'none') details.push(`p-value thresholds with ${d.correction} correction`);
  if (d.defaults === 'evidently') details.push("Evidently's default methods (--defaults evidently)");
  if (d.skippedColumns) details.push(`${d.skippedColumns} column${d.skippedColumns === 1 ? '' : 's'} skipped`);
  const verdict: ReportVerdict =
    d.testedColumns === 0
      ? { status: 'warning', headline: 'No column could be tested' }
      : d.drifted
        ? { status: 'alert', headline: `Drift detected in ${of} (${cmp})` }
        : { status: 'ok', headline: `No dataset drift: ${of} drifted (${cmp})` };
  return details.length > 0 ? { ...verdict, detail: details.join('; ') } : verdict;
}
