import { timeSeriesChart } from '../charts/timeSeriesChart.js';
import { escapeHtml } from '../html/escapeHtml.js';
import type { TimeSeriesChart } from '../model/ReportModel.js';

/** One card per chart, each with a legend naming its lines, band, reference period and alerts. */
export function timeSeriesSection(charts: readonly TimeSeriesChart[]): string {
  let cards = '';
  charts.forEach((c, i) => {
    let legend = '';
    c.series.forEach((s, si) => {
      const dashed = (s.style ?? (si === 0 ? 'solid' : 'dashed')) === 'dashed';
      legend += `<span><i class="ls s${si % 4}${dashed ? ' da' : ''}"></i>${escapeHtml(s.name)}${s.lower && s.upper ? ' (band: confidence)' : ''}</span>`;
    });
    const th = c.threshold;
    if (th && (Number.isFinite(th.lower) || Number.isFinite(th.upper))) legend += '<span><i class="sw tb"></i>acceptable range</span>';
    if (c.referencePeriod?.some((r) => r)) legend += '<span><i class="sw rz"></i>reference period</span>';
    if (c.series.some((s) => s.alerts?.some((a) => a))) legend += '<span><i class="dm"></i>alert</span>';
    cards +=
      `<figure class="card full" id="ts-${i}"><figcaption><span class="cn">${escapeHtml(c.title)}</span></figcaption>` +
      (c.description ? `<p class="desc">${escapeHtml(c.description)}</p>` : '') +
      `${timeSeriesChart(c, i)}<p class="legend">${legend}</p></figure>`;
  });
  return `<section id="series"><h2>Over time</h2>${cards}</section>`;
}
