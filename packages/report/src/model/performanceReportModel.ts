import type { EstimationReport, MetricSeries, PerformanceReport } from '@driftwatch/core';
import type { MetricTable, ReportModel, ReportVerdict, TimeSeriesChart } from './ReportModel.js';

/** A chart of one metric per chunk: reference chunks muted first, then the data's chunks with their ±3·SE band, thresholds and alerts. */
export function metricSeriesChart(series: MetricSeries, name = 'realised'): TimeSeriesChart {
  const reference = series.reference ?? [];
  const pad = reference.map(() => null);
  return {
    title: series.metric,
    description:
      series.thresholdType === 'none' ? 'No threshold set.' : `Alert outside the shaded band (${series.thresholdType} threshold).`,
    yLabel: series.metric,
    chunks: [...reference.map((r) => r.chunk), ...series.points.map((p) => p.chunk)],
    referencePeriod: [...reference.map(() => true), ...series.points.map(() => false)],
    threshold: series.threshold,
    series: [
      {
        name,
        values: [...reference.map((r) => r.value), ...series.points.map((p) => p.value)],
        lower: [...pad, ...series.points.map((p) => p.lower)],
        upper: [...pad, ...series.points.map((p) => p.upper)],
        alerts: [...reference.map(() => false), ...series.points.map((p) => p.alert)],
      },
    ],
  };
}

/** The verdict line of a run with per-chunk alerts. */
export function alertVerdict(alerts: number, chunks: number, what: string): ReportVerdict {
  return alerts > 0
    ? { status: 'alert', headline: `${alerts} ${what} alert${alerts === 1 ? '' : 's'} across ${chunks} chunk${chunks === 1 ? '' : 's'}` }
    : { status: 'ok', headline: chunks > 0 ? `No ${what} alert in ${chunks} chunk${chunks === 1 ? '' : 's'}` : `${what} computed` };
}

/** The HTML report of `driftwatch metrics`. */
export function performanceReportModel(report: PerformanceReport, title = 'Driftwatch model performance'): ReportModel {
  const table: MetricTable = {
    title: `Over all ${report.data.labelledRows} labelled rows`,
    rows: report.metrics.map((m) => ({
      name: m.metric,
      value: m.value,
      ...(m.reason !== undefined ? { reason: m.reason } : {}),
      ...(m.ci && m.ci.lower !== null && m.ci.upper !== null ? { ci: { lower: m.ci.lower, upper: m.ci.upper, level: m.ci.level } } : {}),
    })),
  };
  const chunks = report.series?.[0]?.points.length ?? 0;
  return {
    title,
    generatedAt: report.generatedAt,
    subtitle: `${report.task} model${report.positive !== undefined ? `, positive class ${report.positive}` : ''}`,
    sources: [
      { label: 'Data', path: report.data.source, rows: report.data.rows },
      ...(report.reference ? [{ label: 'Reference', path: report.reference.source, rows: report.reference.rows }] : []),
    ],
    verdict: alertVerdict(report.alerts.length, chunks, 'performance'),
    metrics: [table],
    ...(report.series ? { timeSeries: report.series.map((s) => metricSeriesChart(s)) } : {}),
  };
}

/** The HTML report of `driftwatch estimate`: per metric, the estimate with its ±3·SE band, the realised value where labels exist, thresholds and alerts. */
export function estimationReportModel(report: EstimationReport, title = 'Driftwatch estimated performance (CBPE)'): ReportModel {
  const chunks = report.series[0]?.points.length ?? 0;
  return {
    title,
    generatedAt: report.generatedAt,
    subtitle: `${report.task} model${report.positive !== undefined ? `, positive class ${report.positive}` : ''}; ${report.calibrated.some(Boolean) ? 'probabilities recalibrated (isotonic) on the reference' : 'probabilities used as given'}`,
    sources: [
      { label: 'Reference', path: report.reference.source, rows: report.reference.rows },
      { label: 'Current', path: report.data.source, rows: report.data.rows },
    ],
    verdict: alertVerdict(report.alerts.length, chunks, 'estimated performance'),
    timeSeries: report.series.map((s) => {
      const pad = s.reference.map(() => null);
      const hasRealised = s.points.some((p) => p.realised !== undefined && p.realised !== null);
      return {
        title: s.metric,
        description: 'Estimated without labels (CBPE) with a ±3·SE band; reference chunks show the realised metric.',
        yLabel: s.metric,
        chunks: [...s.reference.map((r) => r.chunk), ...s.points.map((p) => p.chunk)],
        referencePeriod: [...s.reference.map(() => true), ...s.points.map(() => false)],
        threshold: s.threshold,
        series: [
          {
            name: 'estimated',
            values: [...s.reference.map((r) => r.value), ...s.points.map((p) => p.estimate)],
            lower: [...pad, ...s.points.map((p) => p.lower)],
            upper: [...pad, ...s.points.map((p) => p.upper)],
            alerts: [...s.reference.map(() => false), ...s.points.map((p) => p.alert)],
          },
          ...(hasRealised
            ? [{ name: 'realised', values: [...pad, ...s.points.map((p) => p.realised ?? null)], style: 'dashed' as const }]
            : []),
        ],
      };
    }),
  };
}
