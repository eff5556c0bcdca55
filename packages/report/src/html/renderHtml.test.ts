import { type DriftReport, InputError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../__fixtures__/sampleReport.js';
import { categoricalBars } from '../binned/categoricalBars.js';
import { numericHistogram } from '../binned/numericHistogram.js';
import { datasetDriftVerdict } from '../model/datasetDriftVerdict.js';
import type { ReportModel } from '../model/ReportModel.js';
import { renderHtml } from './renderHtml.js';
import { extractReportData } from './reportData.js';

const hostile = `<img src=x onerror="alert('1')"> & </script><script>alert(2)</script>`;
const escaped = '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; &lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;';

/** Every text field of the model set to `text`. */
function everywhere(text: string): ReportModel {
  const h = numericHistogram(new Float64Array([1, 2, 3]), new Float64Array([2, 3, 4]), 3);
  return {
    title: text,
    subtitle: text,
    generatedAt: text,
    sources: [{ label: text, path: text, rows: 3 }],
    verdict: { status: 'alert', headline: text, detail: text },
    drift: [
      {
        column: text,
        kind: text,
        method: text,
        measure: 'p_value',
        statistic: 1,
        pValue: 0.01,
        threshold: 0.05,
        drifted: true,
        skipped: text,
      },
    ],
    distributions: [
      { column: text, summary: h },
      { column: `${text}2`, summary: categoricalBars(Int32Array.from([0, 1]), [text, 'b'], Int32Array.from([0]), [text], 5) },
    ],
    timeSeries: [
      {
        title: text,
        description: text,
        yLabel: text,
        chunks: [text, 'b'],
        series: [{ name: text, values: [1, 2], alerts: [true, false] }],
      },
    ],
    quality: [{ title: text, columns: [{ label: text }], rows: [{ chunk: text, cells: [text] }] }],
    metrics: [{ title: text, rows: [{ name: text, value: null, reason: text }] }],
  };
}

const sectionIds = ['drift', 'distributions', 'series', 'quality', 'metrics'] as const;
const present = (html: string) => sectionIds.filter((id) => html.includes(`<section id="${id}">`));

describe('renderHtml', () => {
  it('escapes every text from the model, in HTML, in SVG and in the data block', () => {
    const html = renderHtml(everywhere(hostile));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('alert(2)</script>');
    // Two scripts only: the JSON block and the tooltip script; no text closed either early.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    // Titles, drift rows, chart titles, axis labels, table cells all carry the escaped text.
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(15);
    expect(html).toContain(`<title>${escaped}</title>`);
    expect(html).toContain(`<h1>${escaped}</h1>`);
    expect(html).toContain(`<th scope="row">${escaped}</th>`);
    expect(extractReportData(html).title).toBe(hostile);
  });

  it('shows only the title when the model has only a title', () => {
    const html = renderHtml({ title: 'Empty' });
    expect(present(html)).toEqual([]);
    expect(html).not.toContain('class="verdict');
    expect(html).not.toContain('<nav');
    expect(html).not.toContain('<svg');
    expect(html).toContain('<h1>Empty</h1>');
    expect(extractReportData(html)).toEqual({ title: 'Empty' });
  });

  it('shows each section exactly when the model has data for it', () => {
    const full = sampleReport(500);
    expect(present(renderHtml(full))).toEqual([...sectionIds]);
    const parts: Record<(typeof sectionIds)[number], Partial<ReportModel>> = {
      drift: { drift: full.drift },
      distributions: { distributions: full.distributions },
      series: { timeSeries: full.timeSeries },
      quality: { quality: full.quality },
      metrics: { metrics: full.metrics },
    };
    for (const id of sectionIds) {
      const html = renderHtml({ title: 't', ...parts[id] });
      expect(present(html), id).toEqual([id]);
    }
    // Empty lists count as absent.
    expect(present(renderHtml({ title: 't', drift: [], distributions: [], timeSeries: [], quality: [], metrics: [] }))).toEqual([]);
    expect(renderHtml({ title: 't', verdict: { status: 'ok', headline: 'fine' } })).toContain('class="verdict v-ok"');
  });

  it('links drift rows to their distribution charts and badges the charts with the verdict', () => {
    const html = renderHtml(sampleReport(500));
    expect(html).toContain('<a href="#dist-0">age</a>');
    expect(html).toContain('<figure class="card" id="dist-0">');
    expect(html).toMatch(
      /id="dist-0"><figcaption><span class="cn">age<\/span> <span class="kind">numeric<\/span> <span class="badge b-alert">Drift<\/span>/,
    );
    // A column without a chart is not a link.
    expect(html).toContain('<th scope="row">constant_flag</th>');
  });

  it('embeds the model as JSON that round-trips, infinite statistics included', () => {
    const model = sampleReport(500);
    const html = renderHtml(model);
    const back = extractReportData(html);
    expect(back.drift?.find((r) => r.column === 'merchant')?.statistic).toBe(Number.POSITIVE_INFINITY);
    // The sample's third series has a NaN value: a gap, written as null.
    const withGapAsNull = structuredClone(model) as unknown as { timeSeries: { series: { values: (number | null)[] }[] }[] };
    withGapAsNull.timeSeries[2].series[0].values[12] = null;
    expect(back).toEqual(withGapAsNull);
  });

  it('is self-contained: no external URL, link, import or resource attribute', () => {
    const html = renderHtml(sampleReport(500));
    expect(html).not.toMatch(/\b(src|srcset|xlink:href)=/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<link|@import|url\(|<iframe|<img/i);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en"><head><meta charset="utf-8">/);
  });

  it('renders the same bytes for the same model', () => {
    expect(renderHtml(sampleReport(500))).toBe(renderHtml(sampleReport(500)));
  });

  it('stays small: 12 columns, 30-bin histograms, 3 series over 50 chunks', () => {
    const html = renderHtml(sampleReport(100_000));
    const bytes = Buffer.byteLength(html);
    expect(bytes).toBeLessThan(90_000);
    // Coordinates carry at most one decimal.
    const paths = html.match(/ d="[^"]*"/g) ?? [];
    expect(paths.length).toBeGreaterThan(40);
    for (const d of paths) expect(d).not.toMatch(/\d\.\d\d/);
  });

  it('draws one chart per distribution and time series with accessible titles', () => {
    const model = sampleReport(500);
    const html = renderHtml(model);
    const charts = html.match(/<svg class="chart [a-z]+" viewBox="[^"]+" role="img" data-(dist|ts)="\d+"><title>[^<]+<\/title>/g) ?? [];
    expect(charts).toHaveLength(model.distributions!.length + model.timeSeries!.length);
    expect(html.match(/<th scope="col"/g)?.length).toBeGreaterThan(10);
  });

  it('rejects an inconsistent model, listing every problem with its path', () => {
    const h = numericHistogram(new Float64Array([1, 2]), new Float64Array([3]), 4);
    const bad = {
      title: '',
      distributions: [{ column: 'x', summary: { ...h, reference: { ...h.reference, counts: [1, 2] } } }],
      timeSeries: [{ title: 's', chunks: ['a', 'b'], series: [{ name: 'v', values: [1] }] }],
    } as ReportModel;
    let error: unknown;
    try {
      renderHtml(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('INPUT_INVALID_VALUE');
    expect((error as Error).message).toContain('title: must be a non-empty string');
    expect((error as Error).message).toContain('distributions[0].summary.reference.counts: must have edges.length - 1 = 4 entries, got 2');
    expect((error as Error).message).toContain('timeSeries[0].series[0].values: must have one entry per chunk (2), got 1');
  });

  it("takes core's DriftReport rows and dataset figures as they are (the adapter the README shows)", () => {
    const side = { rows: 10, missing: 0, invalid: 0, infinite: 0 };
    const report: DriftReport = {
      schemaVersion: 1,
      generatedAt: '2026-11-27T00:00:00.000Z',
      reference: { source: 'ref.csv', rows: 10 },
      current: { source: 'cur.csv', rows: 10 },
      dataset: { drifted: true, driftedColumns: 1, testedColumns: 1, share: 1, datasetShare: 0.5, correction: 'none' },
      columns: [
        {
          column: 'a<b',
          kind: 'numeric',
          method: 'ks',
          measure: 'p_value',
          rule: 'p<=t',
          statistic: 0.9,
          pValue: 0.001,
          threshold: 0.05,
          drifted: true,
          reference: side,
          current: side,
        },
        {
          column: 'c',
          kind: 'numeric',
          method: 'ks',
          measure: 'p_value',
          rule: 'p<=t',
          statistic: null,
          pValue: null,
          threshold: 0.05,
          drifted: false,
          skipped: 'all missing',
          reference: side,
          current: side,
        },
      ],
    };
    const html = renderHtml({
      title: 'Drift',
      generatedAt: report.generatedAt,
      verdict: datasetDriftVerdict(report.dataset),
      drift: report.columns.map((c) => ({ ...c, drifted: c.skipped ? null : c.drifted })),
    });
    expect(html).toContain('Drift detected in 1 of 1 column (share 1 ≥ 0.5)');
    expect(html).toContain('<th scope="row">a&lt;b</th>');
    // Rows built by hand carry no false-alarm rate: the column shows a dash.
    expect(html).toContain(
      '<td class="num">p = 0.001</td><td class="num">p ≤ 0.05</td><td class="num">—</td><td><span class="badge b-alert">Drift</span>',
    );
    expect(html).toContain('<span class="badge b-skip">Skipped</span></td><td class="note">all missing</td>');
  });
});
