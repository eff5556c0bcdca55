import type { EstimationReport } from '@driftwatch/core';
import { formatNumber } from './formatNumber.js';
import { markdownTable, textTable } from './textTable.js';

function headline(r: EstimationReport): string {
  const calibrated = r.calibrated.some(Boolean) ? 'scores recalibrated on the reference' : 'scores used as given (calibrated)';
  return `CBPE for a ${r.task} model on ${r.data.source} (${r.data.rows} rows), fitted on ${r.reference.source} (${r.reference.rows} rows, ${r.reference.chunks} chunks); ${calibrated}; ${r.alerts.length} alert${r.alerts.length === 1 ? '' : 's'}`;
}

function grid(r: EstimationReport): { header: string[]; rows: string[][] } {
  const header = ['chunk', 'rows', ...r.series.map((s) => s.metric)];
  const rows = (r.series[0]?.points ?? []).map((p, i) => [
    p.chunk,
    String(p.rows),
    ...r.series.map((s) => {
      const q = s.points[i];
      if (!q) return '';
      const est = formatNumber(q.estimate);
      const band = q.samplingError === null ? '' : ` ±${formatNumber(3 * q.samplingError)}`;
      const realised = q.realised === undefined ? '' : ` (real ${formatNumber(q.realised)})`;
      return `${est}${band}${realised}${q.alert ? ' ALERT' : ''}`;
    }),
  ]);
  return { header, rows };
}

function thresholds(r: EstimationReport): string[] {
  return r.series.map((s) => `${s.metric}: alert outside [${formatNumber(s.threshold.lower)}, ${formatNumber(s.threshold.upper)}]`);
}

/** CBPE estimates as terminal text: one row per chunk, estimate ±3·SE and the realised value where labels exist. */
export function formatEstimationTable(r: EstimationReport): string {
  const { header, rows } = grid(r);
  return `${[headline(r), '', textTable(header, rows), '', 'Thresholds (reference chunks, mean ± 3·std):', ...thresholds(r).map((t) => `  ${t}`)].join('\n')}\n`;
}

/** CBPE estimates as Markdown. */
export function formatEstimationMarkdown(r: EstimationReport): string {
  const { header, rows } = grid(r);
  return `${['# Estimated performance (CBPE)', '', headline(r), '', markdownTable(header, rows), '', '## Thresholds', '', ...thresholds(r).map((t) => `- ${t}`)].join('\n')}\n`;
}
