import type { ChunkedDriftReport, ColumnSeries, Frame } from '@driftwatch/core';
import { distributionsOf, sourcesOf } from './driftReportModel.js';
import { multivariateChart } from './multivariateChart.js';
import type { QualityTable, ReportModel, TimeSeriesChart } from './ReportModel.js';

/** One column's drift score per chunk: the method's threshold as the band edge, the reference band when chunked, drifted chunks marked. */
export function driftSeriesChart(series: ColumnSeries): TimeSeriesChart {
  const threshold = series.points[0]?.threshold ?? null;
  const pValue = series.measure === 'p_value';
  return {
    title: `${series.column} — ${series.method}`,
    description: pValue
      ? `p-value per chunk; drift below ${threshold}${series.band ? '. Dashed: reference chunks’ band' : ''}`
      : `distance per chunk; drift above ${threshold}`,
    yLabel: pValue ? 'p-value' : series.method,
    chunks: series.points.map((p) => p.chunk),
    threshold: pValue ? { lower: threshold, upper: null } : { lower: null, upper: threshold },
    series: [
      {
        name: series.column,
        values: series.points.map((p) => p.value),
        ...(series.band && series.band.lower !== null && series.band.upper !== null
          ? { lower: series.points.map(() => series.band?.lower ?? null), upper: series.points.map(() => series.band?.upper ?? null) }
          : {}),
        alerts: series.points.map((p) => p.alert),
      },
    ],
  };
}

/** Per chunk: rows, drifted columns, and the worst missing share, unseen-category share and out-of-range share. */
export function qualityTable(report: ChunkedDriftReport): QualityTable {
  const max = (xs: readonly (number | null)[]) =>
    xs.reduce<number | null>((m, x) => (x === null ? m : m === null ? x : Math.max(m, x)), null);
  return {
    title: 'Data quality per chunk (worst column)',
    columns: [
      { label: 'rows', format: 'integer' },
      { label: 'drifted columns', format: 'integer' },
      { label: 'missing', format: 'percent' },
      { label: 'unseen categories', format: 'percent' },
      { label: 'out of reference range', format: 'percent' },
    ],
    rows: report.chunks.map((c) => {
      const missing = max(c.quality.map((q) => q.missingShare));
      const unseen = max(c.quality.map((q) => q.unseen?.share ?? null));
      const range = max(c.quality.map((q) => (q.range ? (q.range.belowShare ?? 0) + (q.range.aboveShare ?? 0) : null)));
      return {
        chunk: c.key,
        cells: [c.rows, c.dataset.driftedColumns, missing, unseen, range],
        alerts: [false, c.dataset.drifted, false, (unseen ?? 0) > 0, false],
      };
    }),
  };
}

/** The HTML report of a chunked check: verdict per chunk, score series per column, quality table and overall distributions. */
export function chunkedDriftReportModel(
  report: ChunkedDriftReport,
  frames?: { reference: Frame; current: Frame },
  title = 'Driftwatch drift over time',
): ReportModel {
  const s = report.summary;
  const distributions = distributionsOf(
    report.series.map((c) => c.column),
    frames,
  );
  return {
    title,
    generatedAt: report.generatedAt,
    sources: sourcesOf(report),
    verdict: s.drifted
      ? {
          status: 'alert',
          headline: `Drift in ${s.driftedChunks} of ${s.chunks} chunks`,
          detail: `Drifted: ${s.driftedChunkKeys.slice(0, 12).join(', ')}${s.driftedChunkKeys.length > 12 ? ', …' : ''}`,
        }
      : { status: 'ok', headline: `No drift in ${s.chunks} chunks` },
    timeSeries: [...(report.multivariate ? [multivariateChart(report.multivariate)] : []), ...report.series.map(driftSeriesChart)],
    quality: [qualityTable(report)],
    ...(distributions.length > 0 ? { distributions } : {}),
  };
}
