import { afterAll, describe, expect, it } from 'vitest';
import { binnedCases, identicalSamplesProperty, num, record, reportWorst, statisticOk } from './__fixtures__/binnedCategoricalFixture.js';
import { psi } from './psi.js';

afterAll(reportWorst);

describe('psi = np.sum((r - c) * np.log(r / c)) on filled shares', () => {
  it.each(binnedCases(true))('%s', (name, ref, cur, expected) => {
    const got = psi(ref, cur);
    record('psi', got, num(expected.psi), name);
    expect(statisticOk(got, num(expected.psi))).toBe(true);
  });

  it('is 0 for identical samples and ignores row order', () => identicalSamplesProperty(psi, true));

  it('follows numpy on unfilled zeros and is NaN when empty', () => {
    expect(psi(Float64Array.from([0.5, 0.5]), Float64Array.from([1, 0]))).toBe(Number.POSITIVE_INFINITY);
    expect(psi(Float64Array.from([0, 1]), Float64Array.from([0, 1]))).toBeNaN();
    expect(psi(new Float64Array(0), new Float64Array(0))).toBeNaN();
    expect(() => psi(new Float64Array(1), new Float64Array(2))).toThrow(RangeError);
  });
});
