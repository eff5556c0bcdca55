import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { referenceSample, type SampleSpec } from '../testing/referenceSample.js';
import { wassersteinDistance } from './wassersteinDistance.js';

type Num = number | 'NaN' | 'Infinity' | '-Infinity';
interface Fixture {
  cases: { tag: string; a: SampleSpec; b: SampleSpec; wasserstein: Num | { error: string } }[];
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/location_scale.json', import.meta.url), 'utf8')) as Fixture;

let worst = 0;
afterAll(() => {
  if (process.env.DRIFT_ACCURACY_REPORT) console.log('wassersteinDistance worst relative error', worst);
});

describe('wassersteinDistance vs scipy.stats.wasserstein_distance', () => {
  it('has at least 40 reference cases', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(fixture.cases.map((c) => [c.tag, c] as const))('%s', (_tag, c) => {
    if (typeof c.wasserstein === 'object') throw new Error(`scipy raised: ${c.wasserstein.error}`);
    const expected = Number(c.wasserstein);
    const actual = wassersteinDistance(referenceSample(c.a), referenceSample(c.b));
    const e = actual === expected ? 0 : Math.abs(actual - expected) / Math.abs(expected);
    worst = Math.max(worst, e);
    expect(e, `${actual} vs scipy ${expected}`).toBeLessThanOrEqual(1e-9);
  });

  it('returns NaN for an empty side (scipy raises)', () => {
    expect(wassersteinDistance(new Float64Array(0), new Float64Array([1]))).toBeNaN();
  });

  it('reproduces the scipy docstring example', () => {
    // scipy.stats.wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.0
    expect(wassersteinDistance(new Float64Array([0, 1, 3]), new Float64Array([5, 6, 8]))).toBe(5);
  });

  it('is the mean shift between two translated copies', () => {
    const a = new Float64Array([0.5, -1.25, 3, 7.75, 2]);
    const b = a.map((v) => v + 4);
    expect(wassersteinDistance(a, b)).toBe(4);
  });
});

const sampleArb = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 });
const tiedArb = fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 50 });
const anySample = fc.oneof(sampleArb, tiedArb).map((xs) => Float64Array.from(xs));

describe('wassersteinDistance properties', () => {
  it('is 0 for identical samples', () => {
    fc.assert(
      fc.property(anySample, (a) => {
        expect(wassersteinDistance(a, a.slice())).toBe(0);
      }),
    );
  });

  it('is symmetric in a and b (bit for bit)', () => {
    fc.assert(
      fc.property(anySample, anySample, (a, b) => {
        expect(wassersteinDistance(b, a)).toBe(wassersteinDistance(a, b));
      }),
    );
  });

  it('does not depend on row order (bit for bit)', () => {
    fc.assert(
      fc.property(anySample, anySample, (a, b) => {
        expect(wassersteinDistance(a.slice().reverse(), b.slice().sort())).toBe(wassersteinDistance(a, b));
      }),
    );
  });
});
