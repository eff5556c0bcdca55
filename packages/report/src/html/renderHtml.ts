import { InputError } from '@driftwatch/core';
import { formatInteger } from '../format/formatInteger.js';
import type { ReportModel } from '../model/ReportModel.js';
import { validateReportModel } from '../model/validateReportModel.js';
import { distributionAnchor, distributionsSection } from '../sections/distributionsSection.js';
import { driftTable } from '../sections/driftTable.js';
import { metricTables } from '../sections/metricTables.js';
import { qualityTables } from '../sections/qualityTables.js';
import { textSection } from '../sections/textSection.js';
import { timeSeriesSection } from '../sections/timeSeriesSection.js';
import { verdictBanner } from '../sections/verdictBanner.js';
import { escapeHtml } from './escapeHtml.js';
import { serializeReportData } from './reportData.js';
import { reportScript } from './reportScript.js';
import { reportStyles } from './reportStyles.js';

/**
 * The report as one self-contained HTML page: inline CSS, server-side SVG charts, no external
 * resource of any kind, so it opens offline and from an e-mail attachment. Sections appear only
 * when the model has data for them. All text from the model is escaped. The model itself is
 * embedded as JSON in `<script type="application/json" id="driftwatch-data">` (read it back with
 * `extractReportData`); a small inline script adds hover tooltips, and the page draws without it.
 *
 * The output depends on the model only (no clock), so the same model renders the same bytes.
 *
 * @throws InputError (`INPUT_INVALID_VALUE`) listing every problem {@link validateReportModel} finds.
 */
export function renderHtml(model: ReportModel): string {
  const issues = validateReportModel(model);
  if (issues.length > 0) {
    throw new InputError(
      'INPUT_INVALID_VALUE',
      `renderHtml: invalid report model:\n${issues.map((i) => `  ${i.path || '(model)'}: ${i.message}`).join('\n')}`,
    );
  }
  const drift = model.drift ?? [];
  const distributions = model.distributions ?? [];
  const anchors = new Map<string, string>();
  distributions.forEach((d, i) => {
    if (!anchors.has(d.column)) anchors.set(d.column, distributionAnchor(i));
  });

  const sections: string[] = [];
  const nav: string[] = [];
  const add = (id: string, label: string, html: string) => {
    sections.push(html);
    nav.push(`<a href="#${id}">${label}</a>`);
  };
  if (drift.length > 0) add('drift', 'Drift by column', driftTable(drift, anchors));
  if (distributions.length > 0) add('distributions', 'Distributions', distributionsSection(distributions, drift));
  if (model.timeSeries?.length) add('series', 'Over time', timeSeriesSection(model.timeSeries));
  if (model.quality?.length) add('quality', 'Data quality', qualityTables(model.quality));
  if (model.metrics?.length) add('metrics', 'Metrics', metricTables(model.metrics));
  if (model.text?.length) add('text', 'Text columns', textSection(model.text));

  const meta: string[] = [];
  for (const s of model.sources ?? []) {
    const rows = s.rows !== undefined ? ` (${formatInteger(s.rows)} rows)` : '';
    meta.push(`<li><b>${escapeHtml(s.label)}</b> ${s.path !== undefined ? `<code>${escapeHtml(s.path)}</code>` : ''}${rows}</li>`);
  }
  if (model.generatedAt !== undefined) meta.push(`<li><b>Generated</b> <time>${escapeHtml(model.generatedAt)}</time></li>`);

  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    '<meta name="generator" content="Driftwatch">' +
    `<title>${escapeHtml(model.title)}</title><style>${reportStyles}</style></head>\n<body><main>` +
    `<header><h1>${escapeHtml(model.title)}</h1>` +
    (model.subtitle !== undefined ? `<p class="sub">${escapeHtml(model.subtitle)}</p>` : '') +
    (meta.length > 0 ? `<ul class="meta">${meta.join('')}</ul>` : '') +
    '</header>\n' +
    (model.verdict !== undefined ? verdictBanner(model.verdict) : '') +
    (nav.length > 1 ? `<nav aria-label="Sections">${nav.join('')}</nav>` : '') +
    sections.join('\n') +
    '\n<footer>Driftwatch report · figures are binned summaries; the data behind the charts is embedded as JSON (<code>#driftwatch-data</code>).</footer>' +
    `</main>\n<script type="application/json" id="driftwatch-data">${serializeReportData(model)}</script>\n` +
    `<script>${reportScript}</script>\n</body></html>\n`
  );
}
