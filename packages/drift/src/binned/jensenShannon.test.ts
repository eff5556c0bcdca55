import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { binnedCases, identicalSamplesProperty, num, record, reportWorst, statisticOk } from './__fixtures__/binnedCategoricalFixture.js';
import { jensenShannon } from './jensenShannon.js';

afterAll(reportWorst);

describe('jensenShannon = scipy.spatial.distance.jensenshannon(r, c) on unfilled shares', () => {
  it.each(binnedCases(false))('%s', (name, ref, cur, expected) => {
    const got = jensenShannon(ref, cur);
    record('jensenShannon', got, num(expected.js), name);
    expect(statisticOk(got, num(expected.js))).toBe(true);
  });

  it('is 0 for identical samples and ignores row order', () => identicalSamplesProperty(jensenShannon, false));

  it('is symmetric bit for bit', () => {
    const shares = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(shares, shares, (a, b) => {
        const n = Math.min(a.length, b.length);
        const p = Float64Array.from(a.slice(0, n));
        const q = Float64Array.from(b.slice(0, n));
        expect(Object.is(jensenShannon(p, q), jensenShannon(q, p))).toBe(true);
      }),
    );
  });

  it('reaches sqrt(ln 2) for disjoint supports', () => {
    // scipy.spatial.distance.jensenshannon([1, 0], [0, 1]) = 0.8325546111576977
    expect(jensenShannon(Float64Array.from([1, 0]), Float64Array.from([0, 1]))).toBe(0.8325546111576977);
    expect(jensenShannon(new Float64Array(0), new Float64Array(0))).toBeNaN();
  });
});
