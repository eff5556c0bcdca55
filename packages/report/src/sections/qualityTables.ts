import { formatInteger } from '../format/formatInteger.js';
import { formatNumber } from '../format/formatNumber.js';
import { formatPercent } from '../format/formatPercent.js';
import { escapeHtml } from '../html/escapeHtml.js';
import type { QualityColumn, QualityTable } from '../model/ReportModel.js';

function cell(v: number | string | null, format: QualityColumn['format']): string {
  if (typeof v === 'string') return escapeHtml(v);
  if (format === 'percent') return formatPercent(v);
  if (format === 'integer') return formatInteger(v);
  return formatNumber(v);
}

/** Data-quality tables, one row per chunk; flagged cells are marked with a class and a sign, not colour alone. */
export function qualityTables(tables: readonly QualityTable[]): string {
  let out = '';
  for (const t of tables) {
    let head = '<th scope="col">Chunk</th>';
    for (const c of t.columns) head += `<th scope="col" class="num">${escapeHtml(c.label)}</th>`;
    let body = '';
    for (const r of t.rows) {
      body += `<tr><th scope="row">${escapeHtml(r.chunk)}</th>`;
      r.cells.forEach((v, i) => {
        const flagged = r.alerts?.[i] === true;
        body += `<td class="num${flagged ? ' flag' : ''}">${flagged ? '<span class="vh-only">alert: </span>▲ ' : ''}${cell(v, t.columns[i]?.format)}</td>`;
      });
      body += '</tr>';
    }
    out += `<h3>${escapeHtml(t.title)}</h3><div class="scroll"><table class="data"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
  }
  return `<section id="quality"><h2>Data quality</h2>${out}</section>`;
}
