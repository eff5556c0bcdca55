import type { CategoricalBars } from '../binned/categoricalBars.js';
import { formatPercent } from '../format/formatPercent.js';
import { escapeHtml } from '../html/escapeHtml.js';
import { niceTicks } from './niceTicks.js';
import { svgNumber as n } from './svgNumber.js';
import { truncateLabel } from './truncateLabel.js';

const W = 320;
const L = 100;
const R = 10;
const T = 6;
const B = 22;
const ROW = 17;
const BAR = 6.5;

/**
 * An SVG bar chart with one row per category (the "other" bucket last): the reference share above
 * the current share, each over that side's non-missing rows. Horizontal rows keep long category
 * names readable; names are cut to 15 characters on the axis and given in full in each row's `<title>`.
 */
export function categoricalChart(column: string, c: CategoricalBars, index: number): string {
  const names = [...c.categories];
  const refCounts = [...c.reference.counts];
  const curCounts = [...c.current.counts];
  if (c.otherCategories > 0) {
    names.push(`other (${c.otherCategories})`);
    refCounts.push(c.reference.other);
    curCounts.push(c.current.other);
  }
  const refTotal = refCounts.reduce((s, v) => s + v, 0);
  const curTotal = curCounts.reduce((s, v) => s + v, 0);
  const ref = refCounts.map((v) => (refTotal > 0 ? v / refTotal : 0));
  const cur = curCounts.map((v) => (curTotal > 0 ? v / curTotal : 0));
  const top = Math.max(0, ...ref, ...cur);
  const xt = niceTicks(0, top > 0 ? top : 1, 4);
  const plotW = W - L - R;
  const H = T + Math.max(names.length, 1) * ROW + B;
  const base = H - B;
  const x = (s: number) => (s / xt.hi) * plotW;

  let refD = '';
  let curD = '';
  let rows = '';
  for (let i = 0; i < names.length; i++) {
    const y0 = T + i * ROW + (ROW - 2 * BAR) / 2;
    if (ref[i] > 0) refD += `M${L} ${n(y0)}h${n(Math.max(x(ref[i]), 0.5))}v${BAR}H${L}z`;
    if (cur[i] > 0) curD += `M${L} ${n(y0 + BAR)}h${n(Math.max(x(cur[i]), 0.5))}v${BAR}H${L}z`;
    const label = c.otherCategories > 0 && i === names.length - 1 ? names[i] : truncateLabel(names[i], 15);
    rows +=
      `<text x="${L - 4}" y="${n(y0 + BAR + 3.5)}" class="ya${i === c.categories.length ? ' oth' : ''}">` +
      `<title>${escapeHtml(`${names[i]}: reference ${formatPercent(ref[i])}, current ${formatPercent(cur[i])}`)}</title>` +
      `${escapeHtml(label)}</text>`;
  }
  let grid = '';
  let ticks = '';
  for (const v of xt.values) {
    grid += `M${n(L + x(v))} ${T}V${n(base)}`;
    ticks += `<text x="${n(L + x(v))}" y="${n(base + 14)}" class="xa">${formatPercent(v)}</text>`;
  }
  const title = `${column}: share of rows per category, reference vs current, top ${c.categories.length}${
    c.otherCategories > 0 ? ` and ${c.otherCategories} more as other` : ''
  }`;
  return (
    `<svg class="chart cat" viewBox="0 0 ${W} ${H}" role="img" data-dist="${index}">` +
    `<title>${escapeHtml(title)}</title>` +
    `<path class="grid" d="${grid}"/>` +
    `<path class="bar ref" d="${refD}"/><path class="bar cur" d="${curD}"/>` +
    `<path class="axis" d="M${L} ${T}V${n(base)}"/>` +
    rows +
    ticks +
    '</svg>'
  );
}
