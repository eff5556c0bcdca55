import { InputError } from '@driftwatch/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimationFixture } from './__fixtures__/estimationFixture.js';
import { IsotonicRegression } from './IsotonicRegression.js';

describe('IsotonicRegression matches sklearn IsotonicRegression(out_of_bounds="clip")', () => {
  it.each(estimationFixture().isotonic.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const iso = IsotonicRegression.fit(
      Float64Array.from(c.x),
      Float64Array.from(c.y),
      c.weights === null ? undefined : Float64Array.from(c.weights),
    );
    expect(iso.xMin).toBe(c.xMin);
    expect(iso.xMax).toBe(c.xMax);
    expect(Array.from(iso.xThresholds)).toEqual(c.xThresholds);
    expect(iso.yThresholds.length).toBe(c.yThresholds.length);
    for (let i = 0; i < c.yThresholds.length; i++) expect(Math.abs(iso.yThresholds[i] - c.yThresholds[i])).toBeLessThanOrEqual(1e-12);
    const got = iso.predict(Float64Array.from(c.queries));
    let worst = 0;
    for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - c.predictions[i]));
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  it('predicts non-decreasing values, clipped to the fitted range, whatever the row order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })), {
          minLength: 1,
          maxLength: 60,
        }),
        (pairs) => {
          const x = Float64Array.from(pairs, (p) => p[0]);
          const y = Float64Array.from(pairs, (p) => p[1]);
          const iso = IsotonicRegression.fit(x, y);
          const rev = IsotonicRegression.fit(x.slice().reverse(), y.slice().reverse());
          let prev = Number.NEGATIVE_INFINITY;
          for (let t = -6; t <= 6; t += 0.25) {
            const v = iso.predictOne(t);
            expect(v).toBeGreaterThanOrEqual(prev - 1e-12);
            expect(Math.abs(v - rev.predictOne(t))).toBeLessThanOrEqual(1e-9);
            prev = v;
          }
          expect(iso.predictOne(-100)).toBe(iso.predictOne(iso.xMin));
          expect(iso.predictOne(100)).toBe(iso.predictOne(iso.xMax));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps NaN queries NaN and rejects unusable training data', () => {
    const iso = IsotonicRegression.fit(Float64Array.of(0, 1), Float64Array.of(0, 1));
    expect(iso.predictOne(Number.NaN)).toBeNaN();
    expect(() => IsotonicRegression.fit(Float64Array.of(0, 1), Float64Array.of(0))).toThrow(/y has 1 values, x has 2/);
    expect(() => IsotonicRegression.fit(Float64Array.of(0, Number.NaN), Float64Array.of(0, 1))).toThrow(InputError);
    expect(() => IsotonicRegression.fit(Float64Array.of(0), Float64Array.of(0), Float64Array.of(0))).toThrow(/positive weight/);
    expect(() => IsotonicRegression.fit(Float64Array.of(0), Float64Array.of(0), Float64Array.of(-1))).toThrow(/row 0/);
    expect(() => IsotonicRegression.fit(Float64Array.of(0), Float64Array.of(0), Float64Array.of(1, 1))).toThrow(/weights has 2/);
  });
});
