import type { ChunkDrift, ColumnDrift } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { chunkedCheckSeries, referenceBand } from './chunkedCheckSeries.js';

describe('referenceBand', () => {
  it('is mean ± 3 population standard deviations of the finite scores', () => {
    // numpy: mean([1, 2, 3, 6]) = 3, std = sqrt(3.5) (ddof=0).
    const band = referenceBand([1, 2, null, 3, Number.POSITIVE_INFINITY, 6]);
    expect(band.mean).toBe(3);
    expect(band.std).toBeCloseTo(Math.sqrt(3.5), 15);
    expect(band.lower).toBeCloseTo(3 - 3 * Math.sqrt(3.5), 15);
    expect(band.upper).toBeCloseTo(3 + 3 * Math.sqrt(3.5), 15);
  });

  it('is all null without a finite score', () => {
    expect(referenceBand([null, null])).toEqual({ values: [null, null], mean: null, std: null, lower: null, upper: null });
  });
});

const column = (over: Partial<ColumnDrift>): ColumnDrift => ({
  column: 'x',
  kind: 'numeric',
  method: 'ks',
  measure: 'p_value',
  rule: 'p<=t',
  statistic: 0.1,
  pValue: 0.5,
  threshold: 0.05,
  drifted: false,
  reference: { rows: 1, missing: 0, invalid: 0, infinite: 0 },
  current: { rows: 1, missing: 0, invalid: 0, infinite: 0 },
  ...over,
});

const chunk = (key: string, c: ColumnDrift): ChunkDrift => ({
  index: 0,
  key,
  rows: 1,
  dataset: { drifted: c.drifted, driftedColumns: c.drifted ? 1 : 0, testedColumns: 1, share: 0, datasetShare: 0.5, correction: 'none' },
  columns: [c],
  quality: [],
});

describe('chunkedCheckSeries', () => {
  it('plots p-values of tests, null for skipped chunks, and flags scores outside the band', () => {
    const chunks = [
      chunk('a', column({ pValue: 0.5 })),
      chunk('b', column({ pValue: 0.001, drifted: true, threshold: 0.025 })),
      chunk('c', column({ statistic: null, pValue: null, skipped: 'all missing' })),
    ];
    const reference = [0.4, 0.6].map((p) => ({ columns: [column({ pValue: p })] }));
    const [s] = chunkedCheckSeries(['x'], chunks, reference as never);
    expect(s).toMatchObject({ column: 'x', method: 'ks', measure: 'p_value', band: { mean: 0.5 } });
    expect(s.points).toEqual([
      { chunk: 'a', value: 0.5, threshold: 0.05, alert: false, outsideBand: false },
      { chunk: 'b', value: 0.001, threshold: 0.025, alert: true, outsideBand: true },
      { chunk: 'c', value: null, threshold: 0.05, alert: false, outsideBand: null },
    ]);
    expect(chunkedCheckSeries(['x'], chunks, undefined)[0].band).toBeNull();
  });
});
