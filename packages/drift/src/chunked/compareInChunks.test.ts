import type { CategoricalColumn, Column, Frame, NumericColumn } from '@driftwatch/core';
import { takeRows } from '@driftwatch/data';
import { describe, expect, it } from 'vitest';
import { ExactDriftEngine } from '../engine/ExactDriftEngine.js';
import { referenceSample } from '../testing/referenceSample.js';
import { chunkedMetricPoints } from './chunkedMetricPoints.js';
import { compareInChunks } from './compareInChunks.js';

const numeric = (name: string, values: ArrayLike<number>): NumericColumn => ({
  kind: 'numeric',
  name,
  values: Float64Array.from(values),
  invalid: 0,
});
const categorical = (name: string, labels: string[]): CategoricalColumn => {
  const dictionary: string[] = [];
  const codes = Int32Array.from(labels, (l) => {
    let c = dictionary.indexOf(l);
    if (c < 0) c = dictionary.push(l) - 1;
    return c;
  });
  return { kind: 'categorical', name, codes, dictionary, invalid: 0 };
};
const frame = (source: string, x: Column, c: Column): Frame => ({ source, columns: [x, c], rowCount: (x as NumericColumn).values.length });

// The reference, and current data whose second half moves x by two standard deviations and brings an unseen category.
const reference = () =>
  frame(
    'ref.csv',
    numeric('x', referenceSample({ seed: 1, n: 400 })),
    categorical(
      'c',
      Array.from({ length: 400 }, (_, i) => 'abc'[i % 3] as string),
    ),
  );
const current = frame(
  'cur.csv',
  numeric('x', [...referenceSample({ seed: 2, n: 150 }), ...referenceSample({ seed: 3, n: 150, loc: 2 })]),
  categorical(
    'c',
    Array.from({ length: 300 }, (_, i) => (i >= 150 && i % 10 === 0 ? 'z' : ('abc'[i % 3] as string))),
  ),
);
const drift = { methods: { x: 'ks', c: 'psi' } };
const engine = new ExactDriftEngine();

describe('compareInChunks', () => {
  it('gives each chunk the verdicts of comparing it alone with the whole reference', () => {
    const report = compareInChunks(engine, reference(), current, ['x', 'c'], { by: 'count', count: 2 }, drift, false);
    expect(report.kind).toBe('chunked-drift');
    expect(report.chunks.map((c) => c.rows)).toEqual([150, 150]);
    for (const chunk of report.chunks) {
      const rows = Int32Array.from({ length: 150 }, (_, i) => chunk.index * 150 + i);
      const alone = engine.compare(reference(), takeRows(current, rows), { ...drift, columns: ['x', 'c'] });
      expect(chunk.columns).toEqual(alone.columns);
      expect(chunk.dataset).toEqual(alone.dataset);
    }
    const x = report.series.find((s) => s.column === 'x');
    expect(x?.points.map((p) => p.alert)).toEqual([false, true]);
    expect(x?.band).toBeNull();
    expect(report.reference.chunks).toBe(0);
  });

  it('cuts the reference the same way for the bands when asked', () => {
    const report = compareInChunks(engine, reference(), current, ['x', 'c'], { by: 'count', count: 2 }, drift, true);
    expect(report.reference.chunks).toBe(2);
    for (const s of report.series) expect(s.band?.values).toHaveLength(2);
  });
});

describe('chunkedMetricPoints', () => {
  it("gives each chunk a plain check's points, one time series per figure with a window dimension, and the data quality shares per column", () => {
    const report = compareInChunks(engine, reference(), current, ['x', 'c'], { by: 'count', count: 2 }, drift, false);
    const points = chunkedMetricPoints(report, { monitor: 'm' });
    expect(points.every((p) => p.dimensions.monitor === 'm' && p.dimensions.window === '2-windows' && !('chunk' in p.dimensions))).toBe(
      true,
    );
    expect(points.filter((p) => p.name === 'drift.score')).toHaveLength(4);
    expect(points.filter((p) => p.name === 'dataset.drift_share')).toHaveLength(2);
    const unseen = points.filter((p) => p.name === 'quality.unseen_share').map((p) => p.value);
    expect(unseen).toEqual([0, 15 / 150]);
    expect(points.filter((p) => p.name === 'quality.out_of_range_share').map((p) => p.dimensions.feature)).toEqual(['x', 'x']);
  });

  it('stamps each window with its start when the windows are dated, and keeps the chunk dimension on request', () => {
    const report = compareInChunks(engine, reference(), current, ['x', 'c'], { by: 'count', count: 2 }, drift, false);
    const dated = {
      ...report,
      chunks: report.chunks.map((c, i) => ({ ...c, startDate: `2026-03-0${i + 1}T00:00:00.000Z` })),
    };
    const points = chunkedMetricPoints(dated, { monitor: 'm' });
    expect([...new Set(points.map((p) => p.timestamp))]).toEqual(['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z']);
    const optIn = chunkedMetricPoints(dated, { monitor: 'm' }, { chunkDimension: true });
    expect(new Set(optIn.map((p) => p.dimensions.chunk))).toEqual(new Set(report.chunks.map((c) => c.key)));
    expect(new Set(optIn.map((p) => p.timestamp))).toEqual(new Set([report.generatedAt]));
    expect(optIn.every((p) => !('window' in p.dimensions))).toBe(true);
  });
});
