import { formatAxis } from '../format/formatAxis.js';
import { formatNumber } from '../format/formatNumber.js';
import { escapeHtml } from '../html/escapeHtml.js';
import type { TimeSeriesChart } from '../model/ReportModel.js';
import { niceTicks } from './niceTicks.js';
import { svgNumber as n } from './svgNumber.js';
import { truncateLabel } from './truncateLabel.js';

const W = 720;
const H = 230;
const L = 54;
const R = 12;
const T = 16;
const B = 30;

/** Geometry of the time-series plot area, in viewBox units, shared with the tooltip script. */
export const timeSeriesGeometry = { width: W, height: H, left: L, right: R, top: T, bottom: B } as const;

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * An SVG line chart of one or more series over chunks: the threshold band shaded with dashed
 * bounds, reference-period chunks on a shaded background with muted lines, confidence bands,
 * a dot per value and a diamond on each alerting value. Non-finite and null values leave gaps.
 */
export function timeSeriesChart(chart: TimeSeriesChart, index: number): string {
  const k = chart.chunks.length;
  const plotW = W - L - R;
  const plotH = H - T - B;
  const band = plotW / Math.max(k, 1);
  const x = (i: number) => L + (i + 0.5) * band;
  const isRef = (i: number) => chart.referencePeriod?.[i] === true;

  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const see = (v: number | null | undefined) => {
    if (finite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  };
  for (const s of chart.series) {
    s.values.forEach(see);
    s.lower?.forEach(see);
    s.upper?.forEach(see);
  }
  see(chart.threshold?.lower);
  see(chart.threshold?.upper);
  if (lo > hi) {
    lo = 0;
    hi = 1;
  }
  const yt = niceTicks(lo, hi, 4);
  const y = (v: number) => T + plotH - ((v - yt.lo) / (yt.hi - yt.lo)) * plotH;
  const clampY = (v: number) => Math.min(Math.max(y(v), T), T + plotH);

  let out = `<svg class="chart ts" viewBox="0 0 ${W} ${H}" role="img" data-ts="${index}"><title>${escapeHtml(describe(chart))}</title>`;

  // Reference period: one shaded rectangle per run of reference chunks.
  for (let i = 0; i < k; i++) {
    if (!isRef(i)) continue;
    let j = i;
    while (j + 1 < k && isRef(j + 1)) j++;
    out += `<rect class="rz" x="${n(L + i * band)}" y="${T}" width="${n((j - i + 1) * band)}" height="${plotH}"/>`;
    out += `<text class="rzl" x="${n(L + i * band + 4)}" y="${T + 10}">reference</text>`;
    i = j;
  }

  let grid = '';
  let ylabels = '';
  for (const v of yt.values) {
    grid += `M${L} ${n(y(v))}H${W - R}`;
    ylabels += `<text x="${L - 5}" y="${n(y(v) + 3)}" class="ya">${formatAxis(v)}</text>`;
  }
  out += `<path class="grid" d="${grid}"/>`;

  const th = chart.threshold;
  if (th && (finite(th.lower) || finite(th.upper))) {
    const top = finite(th.upper) ? clampY(th.upper) : T;
    const bottom = finite(th.lower) ? clampY(th.lower) : T + plotH;
    out += `<rect class="tb" x="${L}" y="${n(top)}" width="${plotW}" height="${n(Math.max(bottom - top, 0))}"/>`;
    let d = '';
    if (finite(th.upper)) d += `M${L} ${n(y(th.upper))}H${W - R}`;
    if (finite(th.lower)) d += `M${L} ${n(y(th.lower))}H${W - R}`;
    out += `<path class="tl" d="${d}"/>`;
  }

  chart.series.forEach((s, si) => {
    const cls = `s${si % 4}`;
    const dashed = (s.style ?? (si === 0 ? 'solid' : 'dashed')) === 'dashed';
    if (s.lower && s.upper) out += `<path class="ci ${cls}" d="${bandPath(s.lower, s.upper, x, y)}"/>`;
    // Lines: reference-period segments muted, each segment drawn with the style of the chunk it ends on.
    // After `M x y`, further coordinate pairs are implicit line-tos, so a run costs one pair per point.
    const d = { ref: '', cur: '' };
    const last = { ref: -2, cur: -2 };
    let dots = '';
    for (let i = 0; i < k; i++) {
      const v = s.values[i];
      if (!finite(v)) continue;
      const p = `${n(x(i))} ${n(y(v))}`;
      dots += `M${p}h0`;
      const prev = i > 0 ? s.values[i - 1] : null;
      if (!finite(prev)) continue;
      const side = isRef(i) ? 'ref' : 'cur';
      d[side] += last[side] === i - 1 ? ` ${p}` : `M${n(x(i - 1))} ${n(y(prev))} ${p}`;
      last[side] = i;
    }
    const refD = d.ref;
    const curD = d.cur;
    if (refD !== '') out += `<path class="ln ${cls} mu${dashed ? ' da' : ''}" d="${refD}"/>`;
    out += `<path class="ln ${cls}${dashed ? ' da' : ''}" d="${curD}"/>`;
    out += `<path class="pt ${cls}" d="${dots}"/>`;
    let al = '';
    for (let i = 0; i < k; i++) {
      const v = s.values[i];
      if (s.alerts?.[i] === true && finite(v)) al += `M${n(x(i))} ${n(y(v) - 5.5)}l5 5.5-5 5.5-5-5.5z`;
    }
    if (al !== '') out += `<path class="al" d="${al}"/>`;
  });

  out += `<path class="axis" d="M${L} ${T + plotH}H${W - R}"/>` + ylabels;
  // As many chunk labels as fit at about 7 units per character.
  const longest = Math.min(Math.max(0, ...chart.chunks.map((c) => [...c].length)), 16);
  const stride = Math.max(1, Math.ceil(k / Math.max(1, Math.floor(plotW / (longest * 6 + 10)))));
  for (let i = 0; i < k; i += stride) {
    out += `<text x="${n(x(i))}" y="${H - B + 14}" class="xa">${escapeHtml(truncateLabel(chart.chunks[i], 16))}</text>`;
  }
  if (chart.yLabel) {
    out += `<text class="yl" transform="rotate(-90)" x="${-(T + plotH / 2)}" y="11">${escapeHtml(truncateLabel(chart.yLabel, 30))}</text>`;
  }
  return `${out}</svg>`;
}

/** Closed outlines of the band between `lower` and `upper` over each run of chunks where both are finite. */
function bandPath(
  lower: readonly (number | null)[],
  upper: readonly (number | null)[],
  x: (i: number) => number,
  y: (v: number) => number,
): string {
  let d = '';
  const k = Math.min(lower.length, upper.length);
  for (let i = 0; i < k; i++) {
    if (!finite(lower[i]) || !finite(upper[i])) continue;
    let j = i;
    while (j + 1 < k && finite(lower[j + 1]) && finite(upper[j + 1])) j++;
    d += `M${n(x(i))} ${n(y(upper[i] as number))}`;
    for (let m = i + 1; m <= j; m++) d += ` ${n(x(m))} ${n(y(upper[m] as number))}`;
    for (let m = j; m >= i; m--) d += `${m === j ? 'L' : ' '}${n(x(m))} ${n(y(lower[m] as number))}`;
    d += 'z';
    i = j;
  }
  return d;
}

function describe(chart: TimeSeriesChart): string {
  const parts = [`${chart.title}: ${chart.series.map((s) => s.name).join(', ')} over ${chart.chunks.length} chunks`];
  const th = chart.threshold;
  if (th && (finite(th.lower) || finite(th.upper))) {
    parts.push(`acceptable from ${formatNumber(th.lower ?? null)} to ${formatNumber(th.upper ?? null)}`);
  }
  for (const s of chart.series) {
    const alerts = chart.chunks.filter((_, i) => s.alerts?.[i] === true);
    if (alerts.length > 0) parts.push(`${s.name} alerts at ${alerts.join(', ')}`);
  }
  return parts.join('; ');
}
