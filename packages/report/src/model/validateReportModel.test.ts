import { describe, expect, it } from 'vitest';
import { sampleReport } from '../__fixtures__/sampleReport.js';
import type { ReportModel } from './ReportModel.js';
import { validateReportModel } from './validateReportModel.js';

const issues = (m: unknown) => validateReportModel(m as ReportModel).map((i) => `${i.path}: ${i.message}`);

describe('validateReportModel', () => {
  it('accepts a full model and a title-only model', () => {
    expect(issues(sampleReport(200))).toEqual([]);
    expect(issues({ title: 'x' })).toEqual([]);
  });

  it('names each broken field with its path', () => {
    const hist = {
      kind: 'numeric',
      edges: [0, 1, 1, 2],
      reference: { rows: 1, counts: [1, 0], missing: 0, negInfinite: 0, posInfinite: 0 },
      current: { rows: 1, counts: [0, -1, 0], missing: 0, negInfinite: 0, posInfinite: 0 },
    };
    const cat = {
      kind: 'categorical',
      categories: ['a'],
      otherCategories: 0,
      reference: { rows: 1, counts: [1, 2], other: 0, missing: 0 },
      current: { rows: 1, counts: [Number.NaN], other: 0, missing: 0 },
    };
    expect(
      issues({
        title: '  ',
        drift: [{ column: 3 }],
        distributions: [
          { column: 'h', summary: hist },
          { column: 'c', summary: cat },
          { column: 'z', summary: { kind: 'text' } },
          { summary: null },
        ],
        timeSeries: [
          {
            title: 't',
            chunks: ['a', 'b'],
            referencePeriod: [true],
            series: [{ name: 'v', values: [1, 2], lower: [1], upper: [1, 2, 3], alerts: [true] }],
          },
          { title: 'u', chunks: ['a'], series: [] },
          { title: 'w', series: [] },
          { title: 'y', chunks: ['a'], series: [{ name: 'v' }] },
        ],
        quality: [
          {
            title: 'q',
            columns: [{ label: 'a' }, { label: 'b' }],
            rows: [{ chunk: 'c', cells: [1], alerts: [true, false, true] }, { chunk: 'd' }],
          },
          { title: 'r' },
        ],
        metrics: [{ title: 'm' }],
      }),
    ).toEqual([
      'title: must be a non-empty string',
      'drift[0].column: must be a string',
      'distributions[0].summary.edges[2]: edges must be finite and strictly increasing, got 1',
      'distributions[0].summary.reference.counts: must have edges.length - 1 = 3 entries, got 2',
      'distributions[0].summary.current.counts[1]: counts must be finite and >= 0, got -1',
      'distributions[1].summary.reference.counts: must have categories.length = 1 entries, got 2',
      'distributions[1].summary.current.counts[0]: counts must be finite and >= 0, got NaN',
      'distributions[2].summary.kind: must be "numeric" or "categorical", got "text"',
      'distributions[3].column: must be a string',
      'distributions[3].summary.kind: must be "numeric" or "categorical", got undefined',
      'timeSeries[0].referencePeriod: must have one entry per chunk (2), got 1',
      'timeSeries[0].series[0].lower: must have one entry per chunk (2), got 1',
      'timeSeries[0].series[0].upper: must have one entry per chunk (2), got 3',
      'timeSeries[0].series[0].alerts: must have one entry per chunk (2), got 1',
      'timeSeries[1].series: needs at least one line',
      'timeSeries[2].chunks: must be an array',
      'timeSeries[3].series[0].values: must be an array',
      'quality[0].rows[0].cells: must have one entry per column (2), got 1',
      'quality[0].rows[0].alerts: must have one entry per column (2), got 3',
      'quality[0].rows[1].cells: must be an array',
      'quality[1].columns: must be an array',
      'quality[1].rows: must be an array',
      'metrics[0].rows: must be an array',
    ]);
  });

  it('rejects a model that is not an object, and sections that are not arrays', () => {
    expect(issues(null)).toEqual([': the report model must be an object']);
    expect(issues({ title: 't', drift: {}, metrics: 'x' })).toEqual(['drift: must be an array', 'metrics: must be an array']);
  });
});
