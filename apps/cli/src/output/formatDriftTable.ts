import type { ColumnDrift, DriftReport } from '@driftwatch/core';
import { embeddingMethodLabel } from '@driftwatch/report';
import type { Colors } from 'picocolors/types.js';
import { formatNumber } from './formatNumber.js';
import { formatTextDetails } from './formatTextDetails.js';
import { columnPadder } from './textTable.js';

/** Rows of the table shared by the terminal and Markdown formats. */
function rows(report: DriftReport): string[][] {
  return report.columns.map((c) => [
    c.column,
    c.kind,
    embeddingMethodLabel(c),
    formatNumber(c.statistic),
    formatNumber(c.pValue),
    `${ruleText[c.rule]} ${formatNumber(c.threshold)}`,
    verdict(c),
    `${c.reference.missing} / ${c.current.missing}`,
    ...(report.dataset.memory ? [pathText(c)] : []),
  ]);
}

/** The evaluation path of a run over its memory budget: exact, histogram, or sketch ± its bound. */
function pathText(c: ColumnDrift): string {
  if (c.path === 'sketch' && c.bound) return `sketch ±${formatNumber(c.bound.statistic)}`;
  return c.path ?? 'exact';
}

/** The header, with the path column when the run was over its memory budget. */
function headerOf(report: DriftReport): string[] {
  return report.dataset.memory ? [...header, 'path'] : header;
}

/** The line saying the data was summarised, when it was. */
function memoryLine(report: DriftReport): string[] {
  const m = report.dataset.memory;
  if (!m) return [];
  const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
  return [
    `Over the memory budget (${mb(m.budgetBytes)}; exact would need ~${mb(m.estimatedBytes)}): numeric columns summarised while reading`,
  ];
}

const ruleText: Readonly<Record<ColumnDrift['rule'], string>> = { 'p<=t': 'p ≤', 'p<t': 'p <', 'd>t': 'd >', 'd>=t': 'd ≥' };

const header = ['column', 'kind', 'method', 'statistic', 'p-value', 'drift when', 'drift', 'missing ref / cur'];

function verdict(c: ColumnDrift): string {
  if (c.skipped !== undefined) return `skipped: ${c.skipped}`;
  return c.drifted ? 'DRIFT' : 'no';
}

function summary(report: DriftReport): string {
  const d = report.dataset;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return `${d.drifted ? 'Dataset drift DETECTED' : 'No dataset drift'}: ${d.driftedColumns} of ${d.testedColumns} tested columns drifted (${pct(d.share)}; dataset drifts at ≥ ${pct(d.datasetShare)}${d.correction === 'none' ? '' : `, ${d.correction} correction`})`;
}

/** The report as an aligned terminal table, coloured when `colors` are enabled. */
export function formatDriftTable(report: DriftReport, colors: Colors): string {
  const body = rows(report);
  const head = headerOf(report);
  const pad = columnPadder(head, body);
  const lines = [
    `Reference: ${report.reference.source} (${report.reference.rows} rows)   Current: ${report.current.source} (${report.current.rows} rows)`,
    (report.dataset.drifted ? colors.red : colors.green)(colors.bold(summary(report))),
    ...memoryLine(report),
    '',
    colors.bold(pad(head)),
  ];
  for (const [i, r] of body.entries()) {
    const c = report.columns[i];
    const line = pad(r);
    lines.push(c.skipped !== undefined ? colors.dim(line) : c.drifted ? colors.red(line) : line);
  }
  lines.push(...formatTextDetails(report));
  return `${lines.join('\n')}\n`;
}

/** The report as GitHub-flavoured Markdown. */
export function formatDriftMarkdown(report: DriftReport): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  const lines = [
    '# Drift report',
    '',
    `**${summary(report)}**`,
    '',
    `Reference: \`${report.reference.source}\` (${report.reference.rows} rows) · Current: \`${report.current.source}\` (${report.current.rows} rows)`,
    '',
    `| ${headerOf(report).join(' | ')} |`,
    `|${headerOf(report)
      .map(() => '---')
      .join('|')}|`,
    ...rows(report).map((r) => `| ${r.map(esc).join(' | ')} |`),
    ...formatTextDetails(report).map((l) => (l === '' ? '' : `    ${l}`)),
  ];
  return `${lines.join('\n')}\n`;
}
