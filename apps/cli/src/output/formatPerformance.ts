import type { PerformanceReport } from '@driftwatch/core';
import { formatNumber } from './formatNumber.js';
import { markdownTable, textTable } from './textTable.js';

function valueText(value: number | null, reason: string | undefined): string {
  return value === null ? `— (${reason ?? 'undefined'})` : formatNumber(value);
}

function overallRows(report: PerformanceReport): string[][] {
  return report.metrics.map((m) => [
    m.metric,
    valueText(m.value, m.reason),
    m.ci ? `[${formatNumber(m.ci.lower)}, ${formatNumber(m.ci.upper)}]` : '',
  ]);
}

function headline(report: PerformanceReport): string {
  const classes = report.classes
    ? `, classes ${report.classes.join(', ')}${report.positive !== undefined ? ` (positive ${report.positive})` : ''}`
    : '';
  const alerts = report.series ? `; ${report.alerts.length} alert${report.alerts.length === 1 ? '' : 's'}` : '';
  return `${report.task} model on ${report.data.source}: ${report.data.labelledRows} of ${report.data.rows} rows labelled${classes}${alerts}`;
}

function chunkRows(report: PerformanceReport): { header: string[]; rows: string[][] } {
  const series = report.series ?? [];
  const header = ['chunk', 'labelled', ...series.map((s) => s.metric)];
  const first = series[0];
  const rows = (first?.points ?? []).map((p, i) => [
    p.chunk,
    String(p.labelledRows),
    ...series.map((s) => {
      const q = s.points[i];
      if (!q) return '';
      const band = q.samplingError === null ? '' : ` ±${formatNumber(3 * q.samplingError)}`;
      return `${valueText(q.value, q.reason)}${band}${q.alert ? (q.side === 'below' ? ' ▼ALERT' : ' ▲ALERT') : ''}`;
    }),
  ]);
  return { header, rows };
}

function thresholdLines(report: PerformanceReport): string[] {
  return (report.series ?? [])
    .filter((s) => s.thresholdType !== 'none')
    .map(
      (s) => `  ${s.metric}: alert outside [${formatNumber(s.threshold.lower)}, ${formatNumber(s.threshold.upper)}] (${s.thresholdType})`,
    );
}

/** The performance report as terminal text: overall metrics with intervals, then one row per chunk. */
export function formatPerformanceTable(report: PerformanceReport): string {
  const parts = [headline(report), '', textTable(['metric', 'value', '95% CI'], overallRows(report))];
  if (report.series) {
    const { header, rows } = chunkRows(report);
    parts.push('', 'Per chunk (value ±3·SE):', textTable(header, rows));
    const lines = thresholdLines(report);
    if (lines.length > 0) parts.push('', 'Thresholds:', ...lines);
  }
  return `${parts.join('\n')}\n`;
}

/** The performance report as Markdown. */
export function formatPerformanceMarkdown(report: PerformanceReport): string {
  const parts = [`# Model performance`, '', headline(report), '', markdownTable(['metric', 'value', '95% CI'], overallRows(report))];
  if (report.series) {
    const { header, rows } = chunkRows(report);
    parts.push('', '## Per chunk', '', markdownTable(header, rows));
    const lines = thresholdLines(report);
    if (lines.length > 0) parts.push('', '## Thresholds', '', ...lines.map((l) => `- ${l.trim()}`));
  }
  return `${parts.join('\n')}\n`;
}
