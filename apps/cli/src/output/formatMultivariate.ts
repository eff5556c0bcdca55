import type { MultivariateDrift } from '@driftwatch/core';

const fmt = (v: number | null) => (v === null ? '—' : v.toPrecision(4));

/** Lines describing a chunked report's multivariate drift: the method, its thresholds and one line per chunk. */
export function formatMultivariate(m: MultivariateDrift): string[] {
  const what = m.method === 'reconstruction' ? 'PCA reconstruction error' : 'domain classifier ROC AUC';
  const fit =
    m.components === undefined ? '' : `, ${m.components} components (${((m.explainedVariance ?? 0) * 100).toFixed(1)}% of variance)`;
  const lines = [
    `Multivariate (${what} of ${m.columns.length} columns${fit}): ${m.summary.alerts} of ${m.points.length} chunks alert; thresholds ${fmt(m.lower)} – ${fmt(m.upper)}`,
  ];
  for (const s of m.skipped) lines.push(`  left out ${s.column}: ${s.reason}`);
  for (const p of m.points) lines.push(`  ${p.chunk}: ${fmt(p.value)}${p.alert ? '  ALERT' : ''}`);
  return lines;
}
