import { formatNumber } from '../format/formatNumber.js';
import { escapeHtml } from '../html/escapeHtml.js';
import type { DriftRow } from '../model/ReportModel.js';

const ruleText: Readonly<Record<NonNullable<DriftRow['rule']>, string>> = { 'p<=t': 'p ≤', 'p<t': 'p <', 'd>t': 'd >', 'd>=t': 'd ≥' };

/**
 * The drift table: one row per column with its method, statistic, p-value or distance, the
 * threshold with the rule that compares them, and the verdict (or why the column was skipped).
 * A column with a distribution chart links to it (`anchors` maps column name to element id).
 */
export function driftTable(rows: readonly DriftRow[], anchors: ReadonlyMap<string, string>): string {
  let body = '';
  for (const r of rows) {
    const score = r.measure === 'p_value' ? r.pValue : r.statistic;
    const rule = r.rule ? ruleText[r.rule] : r.measure === 'p_value' ? 'p ≤' : 'd ≥';
    const threshold = r.threshold === null ? '—' : `${rule} ${formatNumber(r.threshold)}`;
    const verdict =
      r.skipped !== undefined || r.drifted === null
        ? '<span class="badge b-skip">Skipped</span>'
        : r.drifted
          ? '<span class="badge b-alert">Drift</span>'
          : '<span class="badge b-ok">No drift</span>';
    const anchor = anchors.get(r.column);
    const name = escapeHtml(r.column);
    body +=
      `<tr${r.drifted === true && r.skipped === undefined ? ' class="drifted"' : ''}>` +
      `<th scope="row">${anchor ? `<a href="#${anchor}">${name}</a>` : name}</th>` +
      `<td>${escapeHtml(r.kind)}</td><td>${escapeHtml(r.method)}</td>` +
      `<td class="num">${formatNumber(r.statistic)}</td>` +
      `<td class="num">${r.measure === 'p_value' ? 'p = ' : 'd = '}${formatNumber(score)}</td>` +
      `<td class="num">${threshold}</td><td>${verdict}</td>` +
      `<td class="note">${r.skipped !== undefined ? escapeHtml(r.skipped) : ''}</td></tr>`;
  }
  return (
    '<section id="drift"><h2>Drift by column</h2><div class="scroll"><table class="data">' +
    '<thead><tr><th scope="col">Column</th><th scope="col">Kind</th><th scope="col">Method</th><th scope="col" class="num">Statistic</th>' +
    '<th scope="col" class="num">p-value / distance</th><th scope="col" class="num">Drift when</th><th scope="col">Verdict</th><th scope="col">Note</th></tr></thead>' +
    `<tbody>${body}</tbody></table></div></section>`
  );
}
