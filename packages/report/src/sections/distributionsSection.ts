import { categoricalChart } from '../charts/categoricalChart.js';
import { histogramChart } from '../charts/histogramChart.js';
import { formatInteger } from '../format/formatInteger.js';
import { formatPercent } from '../format/formatPercent.js';
import { escapeHtml } from '../html/escapeHtml.js';
import type { ColumnDistribution, DriftRow } from '../model/ReportModel.js';

/** Element id of the chart of `distributions[index]`, the target of the drift table's links. */
export const distributionAnchor = (index: number): string => `dist-${index}`;

/**
 * Small multiples: one card per column with its chart, the drift verdict when the drift table has
 * the column, and the rows, missing and infinite counts of both sides.
 */
export function distributionsSection(items: readonly ColumnDistribution[], drift: readonly DriftRow[]): string {
  const verdicts = new Map(drift.map((r) => [r.column, r]));
  let cards = '';
  items.forEach((d, i) => {
    const s = d.summary;
    const row = verdicts.get(d.column);
    const badge =
      row === undefined
        ? ''
        : row.skipped !== undefined || row.drifted === null
          ? ' <span class="badge b-skip">Skipped</span>'
          : row.drifted
            ? ' <span class="badge b-alert">Drift</span>'
            : ' <span class="badge b-ok">No drift</span>';
    const chart = s.kind === 'numeric' ? histogramChart(d.column, s, i) : categoricalChart(d.column, s, i);
    const r = s.reference;
    const c = s.current;
    const parts = [`rows ${formatInteger(r.rows)} / ${formatInteger(c.rows)}`];
    if (r.missing + c.missing > 0) {
      parts.push(`missing ${formatPercent(r.rows ? r.missing / r.rows : 0)} / ${formatPercent(c.rows ? c.missing / c.rows : 0)}`);
    }
    if (s.kind === 'numeric') {
      const ri = s.reference.negInfinite + s.reference.posInfinite;
      const ci = s.current.negInfinite + s.current.posInfinite;
      if (ri + ci > 0) parts.push(`±∞ ${formatInteger(ri)} / ${formatInteger(ci)}`);
    }
    cards +=
      `<figure class="card" id="${distributionAnchor(i)}">` +
      `<figcaption><span class="cn">${escapeHtml(d.column)}</span> <span class="kind">${s.kind}</span>${badge}</figcaption>` +
      `${chart}<p class="stats">ref / cur: ${parts.join(' · ')}</p></figure>`;
  });
  return (
    '<section id="distributions"><h2>Distributions</h2>' +
    '<p class="legend"><span><i class="sw ref"></i>reference</span><span><i class="sw cur"></i>current</span>' +
    '<span class="hint">bars: share of each side’s non-missing rows</span></p>' +
    `<div class="cards">${cards}</div></section>`
  );
}
