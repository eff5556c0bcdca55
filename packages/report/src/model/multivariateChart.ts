import type { MultivariateDrift } from '@driftwatch/core';
import type { TimeSeriesChart } from './ReportModel.js';

/**
 * The multivariate score per chunk as NannyML plots it: the reference chunks'
 * scores first (muted, `reconstruction` only), then the current chunks, the
 * thresholds as the shaded band, value ± 3 sampling errors as the confidence
 * band, alerting chunks marked.
 */
export function multivariateChart(m: MultivariateDrift): TimeSeriesChart {
  const referenceValues = m.reference?.values ?? [];
  const chunks = [...referenceValues.map((_, i) => `reference ${i + 1}`), ...m.points.map((p) => p.chunk)];
  const band = (sign: number) => [
    ...referenceValues.map(() => null),
    ...m.points.map((p) => (p.value === null || p.samplingError === null ? null : p.value + sign * 3 * p.samplingError)),
  ];
  const withBand = m.points.some((p) => p.samplingError !== null);
  const what =
    m.method === 'reconstruction'
      ? `mean PCA reconstruction error of ${m.columns.length} columns (${m.components} components, ${(100 * (m.explainedVariance ?? 0)).toFixed(1)}% of the reference's variance); thresholds: mean ± 3σ of the reference chunks`
      : `ROC AUC of a domain classifier over ${m.columns.length} columns (5-fold cross-validation); alert outside ${m.lower}–${m.upper}`;
  return {
    title: `Multivariate drift — ${m.method}`,
    description: `${what}. ${m.summary.alerts} of ${m.points.length} chunks alert.`,
    yLabel: m.method === 'reconstruction' ? 'reconstruction error' : 'ROC AUC',
    chunks,
    ...(referenceValues.length > 0 ? { referencePeriod: chunks.map((_, i) => i < referenceValues.length) } : {}),
    threshold: { lower: m.lower, upper: m.upper },
    series: [
      {
        name: m.method,
        values: [...referenceValues, ...m.points.map((p) => p.value)],
        ...(withBand ? { lower: band(-1), upper: band(1) } : {}),
        alerts: [...referenceValues.map(() => false), ...m.points.map((p) => p.alert)],
      },
    ],
  };
}
