import type { EstimationReport, PerformanceReport } from '@driftwatch/core';

/**
 * One metric over chunks with the bands the HTML report draws (`@driftwatch/report`'s
 * metricSeriesChart and estimationReportModel): the reference chunks first (muted, shaded), the
 * threshold band between `threshold.lower` and `threshold.upper`, and the ±3·SE band of each
 * current chunk; `alerts` marks the chunks outside the thresholds.
 */
export interface QualityChart {
  readonly title: string;
  readonly description: string;
  readonly chunks: readonly string[];
  readonly referencePeriod: readonly boolean[];
  readonly threshold: { readonly lower: number | null; readonly upper: number | null };
  readonly lines: readonly {
    readonly name: string;
    readonly values: readonly (number | null)[];
    readonly lower?: readonly (number | null)[];
    readonly upper?: readonly (number | null)[];
    readonly alerts?: readonly boolean[];
  }[];
}

/** The charts of a run result's `performance` (realised) and `estimation` (CBPE) sections. */
export function qualityCharts(result: { readonly performance?: unknown; readonly estimation?: unknown }): QualityChart[] {
  const charts: QualityChart[] = [];
  const performance = result.performance as PerformanceReport | undefined;
  for (const s of performance?.series ?? []) {
    const reference = s.reference ?? [];
    const pad = reference.map(() => null);
    charts.push({
      title: s.metric,
      description: s.thresholdType === 'none' ? 'No threshold set.' : `Alert outside the shaded band (${s.thresholdType} threshold).`,
      chunks: [...reference.map((r) => r.chunk), ...s.points.map((p) => p.chunk)],
      referencePeriod: [...reference.map(() => true), ...s.points.map(() => false)],
      threshold: s.threshold,
      lines: [
        {
          name: 'realised',
          values: [...reference.map((r) => r.value), ...s.points.map((p) => p.value)],
          lower: [...pad, ...s.points.map((p) => p.lower)],
          upper: [...pad, ...s.points.map((p) => p.upper)],
          alerts: [...reference.map(() => false), ...s.points.map((p) => p.alert)],
        },
      ],
    });
  }
  const estimation = result.estimation as EstimationReport | undefined;
  for (const s of estimation?.series ?? []) {
    const pad = s.reference.map(() => null);
    const hasRealised = s.points.some((p) => p.realised !== undefined && p.realised !== null);
    charts.push({
      title: `estimated ${s.metric}`,
      description: 'Estimated without labels (CBPE) with a ±3·SE band; reference chunks show the realised metric.',
      chunks: [...s.reference.map((r) => r.chunk), ...s.points.map((p) => p.chunk)],
      referencePeriod: [...s.reference.map(() => true), ...s.points.map(() => false)],
      threshold: s.threshold,
      lines: [
        {
          name: 'estimated',
          values: [...s.reference.map((r) => r.value), ...s.points.map((p) => p.estimate)],
          lower: [...pad, ...s.points.map((p) => p.lower)],
          upper: [...pad, ...s.points.map((p) => p.upper)],
          alerts: [...s.reference.map(() => false), ...s.points.map((p) => p.alert)],
        },
        ...(hasRealised ? [{ name: 'realised', values: [...pad, ...s.points.map((p) => p.realised ?? null)] }] : []),
      ],
    });
  }
  return charts;
}
