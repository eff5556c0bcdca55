import type { ChunkDrift, ColumnDrift, ColumnSeries, DriftReport, ReferenceBand } from '@driftwatch/core';

/** The score a series plots: the p-value of a test, the distance otherwise; `null` when skipped. */
function score(c: ColumnDrift): number | null {
  if (c.skipped !== undefined) return null;
  return c.measure === 'p_value' ? c.pValue : c.statistic;
}

/** NannyML's band over reference-chunk scores: mean ± 3 population standard deviations of the finite ones. */
export function referenceBand(values: readonly (number | null)[]): ReferenceBand {
  let n = 0;
  let sum = 0;
  for (const v of values) {
    if (v !== null && Number.isFinite(v)) {
      n++;
      sum += v;
    }
  }
  if (n === 0) return { values, mean: null, std: null, lower: null, upper: null };
  const mean = sum / n;
  let ss = 0;
  for (const v of values) if (v !== null && Number.isFinite(v)) ss += (v - mean) * (v - mean);
  const std = Math.sqrt(ss / n);
  return { values, mean, std, lower: mean - 3 * std, upper: mean + 3 * std };
}

/**
 * One series per tested column: its score, threshold and verdict in each
 * chunk, and the reference band when `referenceReports` (reference chunks
 * compared with the whole reference) are given.
 */
export function chunkedCheckSeries(
  columns: readonly string[],
  chunks: readonly ChunkDrift[],
  referenceReports: readonly DriftReport[] | undefined,
): ColumnSeries[] {
  return columns.map((name) => {
    const results = chunks.map((c) => c.columns.find((r) => r.column === name) as ColumnDrift);
    const first = results.find((r) => r.skipped === undefined) ?? results[0];
    const band = referenceReports
      ? referenceBand(referenceReports.map((r) => score(r.columns.find((c) => c.column === name) as ColumnDrift)))
      : null;
    return {
      column: name,
      kind: first?.kind ?? 'numeric',
      method: first?.method ?? 'none',
      measure: first?.measure ?? 'distance',
      rule: first?.rule ?? 'd>=t',
      band,
      points: results.map((r, i) => {
        const value = score(r);
        const outside =
          band === null || band.lower === null || band.upper === null || value === null ? null : value < band.lower || value > band.upper;
        return { chunk: chunks[i].key, value, threshold: r.threshold, alert: r.drifted, outsideBand: outside };
      }),
    };
  });
}
