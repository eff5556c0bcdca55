import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildCodes,
  loadFixture,
  num,
  pValueOk,
  record,
  reportWorst,
  statisticOk,
} from '../binned/__fixtures__/binnedCategoricalFixture.js';
import { zTest, zTestCounts } from './zTest.js';

afterAll(reportWorst);
const fixture = loadFixture();

describe('zTest = pooled two-proportion z, p = 2·norm.sf(|z|)', () => {
  it.each(fixture.categorical.filter((c) => c.z).map((c) => [c.name, c] as const))('%s', (name, c) => {
    const r = zTest(buildCodes(c.reference), buildCodes(c.current));
    const [stat, p] = (c.z ?? []).map(num);
    record('zTest.statistic', r.statistic, stat, name);
    record('zTest.pValue', r.pValue, p, name);
    expect(statisticOk(r.statistic, stat)).toBe(true);
    expect(pValueOk(r.pValue, p)).toBe(true);
  });

  it.each(fixture.z.map((c) => [c.counts.join('/'), c] as const))('counts %s', (name, c) => {
    const r = zTestCounts(...c.counts);
    const [stat, p] = c.expected.map(num);
    record('zTest.statistic', r.statistic, stat, name);
    record('zTest.pValue', r.pValue, p, name);
    expect(statisticOk(r.statistic, stat)).toBe(true);
    expect(pValueOk(r.pValue, p)).toBe(true);
  });

  it('same single value: statistic 0, p = 1; empty side: NaN', () => {
    expect(zTest(Int32Array.from([3, 3]), Int32Array.from([3]))).toEqual({ statistic: 0, pValue: 1 });
    expect(zTest(new Int32Array(0), Int32Array.from([1])).pValue).toBeNaN();
  });

  it('keeps tail p-values that 2·(1 − cdf) would round to 0', () => {
    // z = -9.840667431338064: scipy 2 * norm.sf = 7.521021608053823e-23, 2 * (1 - norm.cdf) = 0.
    const r = zTestCounts(400, 1000, 620, 1000);
    expect(statisticOk(r.statistic, -9.840667431338064)).toBe(true);
    expect(pValueOk(r.pValue, 7.521021608053823e-23)).toBe(true);
  });

  it('does not depend on row order', () => {
    const codes = fc.array(fc.integer({ min: 4, max: 5 }), { minLength: 1, maxLength: 100 });
    fc.assert(
      fc.property(codes, codes, (r, c) => {
        const a = zTest(Int32Array.from(r), Int32Array.from(c));
        expect(zTest(Int32Array.from(r).reverse(), Int32Array.from(c).sort())).toEqual(a);
      }),
    );
  });
});
