import { formatNumber } from '../format/formatNumber.js';
import { formatPercent } from '../format/formatPercent.js';
import { escapeHtml } from '../html/escapeHtml.js';
import type { MetricTable } from '../model/ReportModel.js';

/** Metric tables: value (or why there is none), confidence interval and reference value when any row has them, status. */
export function metricTables(tables: readonly MetricTable[]): string {
  let out = '';
  for (const t of tables) {
    const hasCi = t.rows.some((r) => r.ci !== undefined);
    const hasRef = t.rows.some((r) => r.reference !== undefined);
    const hasAlert = t.rows.some((r) => r.alert !== undefined);
    const level = t.rows.find((r) => r.ci?.level !== undefined)?.ci?.level;
    let head = '<th scope="col">Metric</th><th scope="col" class="num">Value</th>';
    if (hasCi) head += `<th scope="col" class="num">${level !== undefined ? `${formatPercent(level)} ` : ''}CI</th>`;
    if (hasRef) head += '<th scope="col" class="num">Reference</th>';
    if (hasAlert) head += '<th scope="col">Status</th>';
    let body = '';
    for (const r of t.rows) {
      const value =
        r.value === null
          ? `<span class="na">n/a</span>${r.reason ? ` <span class="note">${escapeHtml(r.reason)}</span>` : ''}`
          : formatNumber(r.value);
      body += `<tr${r.alert ? ' class="drifted"' : ''}><th scope="row">${escapeHtml(r.name)}</th><td class="num">${value}</td>`;
      if (hasCi) body += `<td class="num">${r.ci ? `${formatNumber(r.ci.lower)} – ${formatNumber(r.ci.upper)}` : '—'}</td>`;
      if (hasRef) body += `<td class="num">${formatNumber(r.reference ?? null)}</td>`;
      if (hasAlert) {
        body += `<td>${r.alert === undefined ? '' : r.alert ? '<span class="badge b-alert">Alert</span>' : '<span class="badge b-ok">OK</span>'}</td>`;
      }
      body += '</tr>';
    }
    out += `<h3>${escapeHtml(t.title)}</h3><div class="scroll"><table class="data"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
  }
  return `<section id="metrics"><h2>Metrics</h2>${out}</section>`;
}
