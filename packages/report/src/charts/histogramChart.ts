import type { NumericHistogram } from '../binned/numericHistogram.js';
import { formatAxis } from '../format/formatAxis.js';
import { formatNumber } from '../format/formatNumber.js';
import { formatPercent } from '../format/formatPercent.js';
import { escapeHtml } from '../html/escapeHtml.js';
import { niceTicks } from './niceTicks.js';
import { svgNumber as n } from './svgNumber.js';

const W = 320;
const H = 168;
const L = 42;
const R = 10;
const T = 10;
const B = 28;

/** Geometry of the histogram plot area, in viewBox units, shared with the tooltip script. */
export const histogramGeometry = { width: W, height: H, left: L, right: R, top: T, bottom: B } as const;

/** Per-bin shares of one side's finite values (all zero when there are none). */
export function sideShares(counts: readonly number[]): number[] {
  let total = 0;
  for (const c of counts) total += c;
  return counts.map((c) => (total > 0 ? c / total : 0));
}

/**
 * An SVG histogram: per bin, the reference share (left half) and the current share (right half)
 * of each side's finite values, so samples of different sizes compare. One `<path>` per side keeps
 * the markup small; `index` links the chart to its entry in the embedded data for tooltips.
 */
export function histogramChart(column: string, h: NumericHistogram, index: number): string {
  const e = h.edges;
  const nb = e.length - 1;
  const ref = sideShares(h.reference.counts);
  const cur = sideShares(h.current.counts);
  let top = 0;
  for (let i = 0; i < nb; i++) top = Math.max(top, ref[i], cur[i]);
  const yt = niceTicks(0, top > 0 ? top : 1, 4);
  const plotW = W - L - R;
  const plotH = H - T - B;
  const x = (v: number) => L + ((v - e[0]) / (e[nb] - e[0])) * plotW;
  const y = (s: number) => T + plotH - (s / yt.hi) * plotH;
  const base = T + plotH;

  const bars = (shares: number[], half: 0 | 1) => {
    let d = '';
    for (let i = 0; i < nb; i++) {
      if (!(shares[i] > 0)) continue;
      const x0 = x(e[i]);
      const w = x(e[i + 1]) - x0;
      const gap = Math.min(0.6, w * 0.08);
      const bw = w / 2 - gap;
      const bx = half === 0 ? x0 + gap : x0 + w / 2;
      // At least 0.5 units tall, so a tiny share stays visible next to an empty bin.
      const bh = Math.max(base - y(shares[i]), 0.5);
      d += `M${n(bx)} ${n(base)}v${n(-bh)}h${n(Math.max(bw, 0.3))}v${n(bh)}z`;
    }
    return d;
  };

  let grid = '';
  for (const v of yt.values) grid += `M${L} ${n(y(v))}H${W - R}`;
  let labels = '';
  for (const v of yt.values) labels += `<text x="${L - 4}" y="${n(y(v) + 3)}" class="ya">${formatPercent(v)}</text>`;
  const dates = h.axis === 'datetime';
  // Dates: days when the range spans more than two days, else minutes.
  const dateText = (v: number) =>
    new Date(v)
      .toISOString()
      .slice(0, e[nb] - e[0] > 2 * 86_400_000 ? 10 : 16)
      .replace('T', ' ');
  const xt = niceTicks(e[0], e[nb], 4);
  let xticks = '';
  for (const v of xt.values) {
    if (v < e[0] || v > e[nb]) continue;
    xticks += `<text x="${n(x(v))}" y="${H - B + 14}" class="xa">${dates ? dateText(v) : formatAxis(v)}</text>`;
  }
  const from = dates ? dateText(e[0]) : formatNumber(e[0]);
  const to = dates ? dateText(e[nb]) : formatNumber(e[nb]);
  const title = `${column}: share of rows per bin, reference vs current, ${nb} bin${nb === 1 ? '' : 's'} from ${from} to ${to}`;
  return (
    `<svg class="chart hist" viewBox="0 0 ${W} ${H}" role="img" data-dist="${index}">` +
    `<title>${escapeHtml(title)}</title>` +
    `<path class="grid" d="${grid}"/>` +
    `<path class="bar ref" d="${bars(ref, 0)}"/><path class="bar cur" d="${bars(cur, 1)}"/>` +
    `<path class="axis" d="M${L} ${n(base)}H${W - R}"/>` +
    labels +
    xticks +
    '</svg>'
  );
}
