import type { ColumnDrift, DriftReport } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../html/renderHtml.js';
import { driftReportModel } from '../model/driftReportModel.js';

const counts = { rows: 100, missing: 0, invalid: 0, infinite: 0 };
const descriptor = (name: string, pValue: number, drifted: boolean): ColumnDrift => ({
  column: `review.${name}`,
  kind: 'numeric',
  method: 'ks',
  measure: 'p_value',
  rule: 'p<=t',
  statistic: 0.2,
  pValue,
  threshold: 0.05,
  drifted,
  reference: counts,
  current: counts,
});

const report: DriftReport = {
  schemaVersion: 1,
  generatedAt: '2026-01-01T00:00:00.000Z',
  reference: { source: 'ref.csv', rows: 100 },
  current: { source: 'cur.csv', rows: 100 },
  dataset: { drifted: true, driftedColumns: 1, testedColumns: 1, share: 1, datasetShare: 0.5, correction: 'none', defaults: 'calibrated' },
  columns: [
    {
      column: 'review',
      kind: 'text',
      method: 'text_content',
      measure: 'distance',
      rule: 'd>t',
      statistic: 0.91,
      pValue: null,
      threshold: 0.56,
      drifted: true,
      reference: counts,
      current: counts,
      text: {
        descriptors: [descriptor('length', 0.3, false), descriptor('oov_share', 0.001, true)],
        currentWords: ['login', '<script>'],
        referenceWords: ['parcel'],
        bootstrap: true,
      },
    },
  ],
};

describe('text columns in the HTML report', () => {
  it("lists the content verdict, each descriptor's test and the separating words, escaped", () => {
    const model = driftReportModel(report);
    expect(model.text?.[0]?.descriptors.map((d) => d.column)).toEqual(['review.length', 'review.oov_share']);
    expect(model.drift?.[0]).not.toHaveProperty('text');
    const html = renderHtml(model);
    expect(html).toContain('<section id="text"><h2>Text columns</h2><h3>review</h3>');
    expect(html).toMatch(/content drift: ROC AUC 0\.91 against 0\.56 <span class="badge b-alert">Drift<\/span>/);
    expect(html).toMatch(/<tr class="drifted"><th scope="row">oov_share<\/th><td>ks<\/td><td class="num">p = 0\.001<\/td>/);
    expect(html).toContain('<b>Words of the current texts:</b> <code>login</code> <code>&lt;script&gt;</code>');
    expect(html).toContain('<b>Words of the reference texts:</b> <code>parcel</code>');
  });
});
