import { InputError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { estimationFixture } from './__fixtures__/estimationFixture.js';
import { cbpeMetrics } from './cbpeMetrics.js';
import { realisedMetrics } from './realisedMetrics.js';

const cases = estimationFixture().realised;

describe('realisedMetrics matches scikit-learn', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = realisedMetrics({
      nClasses: c.nClasses,
      scores: Float64Array.from(c.scores),
      yPred: Int32Array.from(c.yPred),
      yTrue: Int32Array.from(c.yTrue),
    });
    for (const m of cbpeMetrics) expect(Math.abs(got[m] - c.expected[m]), m).toBeLessThanOrEqual(1e-12);
  });

  it('ignores unlabelled rows and rows without a prediction or score, and honours the chunk', () => {
    const c = cases[0];
    const n = c.yTrue.length;
    // Append garbage rows that must all be skipped: no label, no prediction, or no score.
    const scores = Float64Array.from([...c.scores, 0.9, 0.1, Number.NaN]);
    const yPred = Int32Array.from([...c.yPred, 1, -1, 0]);
    const yTrue = Int32Array.from([...c.yTrue, -1, 0, 1]);
    const got = realisedMetrics({ nClasses: 2, scores, yPred, yTrue });
    for (const m of cbpeMetrics) expect(Math.abs(got[m] - c.expected[m])).toBeLessThanOrEqual(1e-12);
    const head = realisedMetrics({ nClasses: 2, scores, yPred, yTrue }, { start: 0, end: 10 });
    const list = realisedMetrics(
      { nClasses: 2, scores, yPred, yTrue },
      Int32Array.from({ length: 10 }, (_, i) => 9 - i),
    );
    expect(list).toEqual(head);
    expect(realisedMetrics({ nClasses: 2, scores, yPred, yTrue }, { start: n, end: n + 3 }).accuracy).toBeNaN();
  });

  it('rejects missing labels and malformed columns', () => {
    const base = { nClasses: 2, scores: Float64Array.of(0.2, 0.8), yPred: Int32Array.of(0, 1) };
    expect(() => realisedMetrics(base)).toThrow(/data.yTrue is required/);
    expect(() => realisedMetrics({ ...base, yTrue: Int32Array.of(0, 2) })).toThrow(/data.yTrue\[1\] = 2/);
    expect(() => realisedMetrics({ ...base, yTrue: Int32Array.of(0) })).toThrow(InputError);
    expect(() => realisedMetrics({ ...base, scores: Float64Array.of(0.2, 1.5), yTrue: Int32Array.of(0, 1) })).toThrow(/scores\[1\] = 1.5/);
    expect(() => realisedMetrics({ ...base, nClasses: 3, yTrue: Int32Array.of(0, 1) })).toThrow(/expected 6/);
    expect(() => realisedMetrics({ ...base, nClasses: 1, yTrue: Int32Array.of(0, 1) })).toThrow(/nClasses must be an integer >= 2/);
    expect(() => realisedMetrics({ ...base, yTrue: Int32Array.of(0, 1) }, { start: 0, end: 3 })).toThrow(/chunk: range \[0, 3\)/);
    expect(() => realisedMetrics({ ...base, yTrue: Int32Array.of(0, 1) }, Int32Array.of(5))).toThrow(/chunk: row 5/);
  });
});
