import type { ColumnDrift, DriftReport } from '@driftwatch/core';

const fmt = (v: number | null) =>
  v === null ? '—' : Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : v.toPrecision(3);

function verdict(d: ColumnDrift): string {
  if (d.skipped !== undefined) return `skipped: ${d.skipped}`;
  const score = d.measure === 'p_value' ? `p ${fmt(d.pValue)}` : fmt(d.statistic);
  return `${d.method} ${score}${d.drifted ? ' DRIFT' : ''}`;
}

/** Lines for each text column of a report: its descriptors' verdicts and the words that separate the sides. */
export function formatTextDetails(report: DriftReport): string[] {
  const lines: string[] = [];
  for (const c of report.columns) {
    if (c.text === undefined) continue;
    lines.push('', `Text column ${c.column}: descriptors`);
    for (const d of c.text.descriptors) lines.push(`  ${d.column.slice(c.column.length + 1)}: ${verdict(d)}`);
    if (c.text.currentWords.length > 0) lines.push(`  words of the current texts: ${c.text.currentWords.slice(0, 10).join(', ')}`);
    if (c.text.referenceWords.length > 0) lines.push(`  words of the reference texts: ${c.text.referenceWords.slice(0, 10).join(', ')}`);
  }
  return lines;
}
