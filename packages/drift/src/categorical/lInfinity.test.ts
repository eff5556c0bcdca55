import { afterAll, describe, expect, it } from 'vitest';
import {
  buildCodes,
  identicalSamplesProperty,
  loadFixture,
  num,
  record,
  reportWorst,
  statisticOk,
} from '../binned/__fixtures__/binnedCategoricalFixture.js';
import { binnedShares } from '../binned/binnedShares.js';
import { lInfinity } from './lInfinity.js';

afterAll(reportWorst);
const fixture = loadFixture();

describe('lInfinity = np.max(np.abs(r - c)) over category shares', () => {
  it.each(fixture.categorical.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const b = binnedShares(buildCodes(c.reference), buildCodes(c.current), 'categorical', { nCategories: c.nCategories });
    const got = lInfinity(b.reference, b.current);
    record('lInfinity', got, num(c.lInfinity), name);
    expect(statisticOk(got, num(c.lInfinity))).toBe(true);
  });

  it('is 0 for identical samples and ignores row order', () => identicalSamplesProperty(lInfinity, false));

  it('propagates NaN and is NaN when empty', () => {
    expect(lInfinity(Float64Array.from([0.5, Number.NaN]), Float64Array.from([0.5, 0.5]))).toBeNaN();
    expect(lInfinity(new Float64Array(0), new Float64Array(0))).toBeNaN();
  });
});
