import { formatNumber } from '../format/formatNumber.js';
import { escapeHtml } from '../html/escapeHtml.js';
import type { DriftRow, TextColumnSummary } from '../model/ReportModel.js';

function verdict(r: DriftRow): string {
  if (r.skipped !== undefined || r.drifted === null) return '<span class="badge b-skip">Skipped</span>';
  return r.drifted ? '<span class="badge b-alert">Drift</span>' : '<span class="badge b-ok">No drift</span>';
}

function words(label: string, list: readonly string[]): string {
  if (list.length === 0) return '';
  return `<p><b>${escapeHtml(label)}</b> ${list.map((w) => `<code>${escapeHtml(w)}</code>`).join(' ')}</p>`;
}

/**
 * Per text column: the content drift verdict (domain classifier ROC AUC), a table of its
 * descriptors' drift (each tested like a numeric column), and the words most typical of each side.
 */
export function textSection(columns: readonly TextColumnSummary[]): string {
  let html = '<section id="text"><h2>Text columns</h2>';
  for (const t of columns) {
    const c = t.content;
    const content =
      c.skipped !== undefined
        ? `content drift skipped: ${escapeHtml(c.skipped)}`
        : `content drift: ROC AUC ${formatNumber(c.statistic)} against ${formatNumber(c.threshold)} ${verdict(c)}`;
    let rows = '';
    for (const d of t.descriptors) {
      const score = d.measure === 'p_value' ? `p = ${formatNumber(d.pValue)}` : `d = ${formatNumber(d.statistic)}`;
      rows +=
        `<tr${d.drifted === true ? ' class="drifted"' : ''}><th scope="row">${escapeHtml(d.column.slice(t.column.length + 1))}</th>` +
        `<td>${escapeHtml(d.method)}</td><td class="num">${score}</td><td>${verdict(d)}</td>` +
        `<td class="note">${d.skipped !== undefined ? escapeHtml(d.skipped) : ''}</td></tr>`;
    }
    html +=
      `<h3>${escapeHtml(t.column)}</h3><p>${content}</p>` +
      '<div class="scroll"><table class="data"><thead><tr><th scope="col">Descriptor</th><th scope="col">Method</th>' +
      `<th scope="col" class="num">p-value / distance</th><th scope="col">Verdict</th><th scope="col"></th></tr></thead><tbody>${rows}</tbody></table></div>` +
      words('Words of the current texts:', t.currentWords) +
      words('Words of the reference texts:', t.referenceWords);
  }
  return `${html}</section>`;
}
