import { describe, expect, it } from 'vitest';
import { estimationFixture } from './__fixtures__/estimationFixture.js';
import { expectedCalibrationError } from './expectedCalibrationError.js';
import { needsCalibration } from './needsCalibration.js';

describe('needsCalibration (twin of NannyML needs_calibration with seeded splits)', () => {
  it.each(estimationFixture().calibration.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = needsCalibration(Float64Array.from(c.scores), Uint8Array.from(c.targets));
    expect(got.needed).toBe(c.expected.needed);
    expect(got.reason).toBe(c.expected.reason);
    if (c.expected.eceBefore === null) {
      expect(got.eceBefore).toBeNaN();
      return;
    }
    expect(Math.abs(got.eceBefore - c.expected.eceBefore)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(got.eceAfter - c.expected.eceAfter!)).toBeLessThanOrEqual(1e-12);
  });

  it('flags an over-confident model far more strongly than a calibrated one', () => {
    const [calibrated, overconfident] = estimationFixture().calibration;
    const a = needsCalibration(Float64Array.from(calibrated.scores), Uint8Array.from(calibrated.targets));
    const b = needsCalibration(Float64Array.from(overconfident.scores), Uint8Array.from(overconfident.targets));
    expect(b.eceBefore - b.eceAfter).toBeGreaterThan(3 * (a.eceBefore - a.eceAfter));
  });
});

describe('needsCalibration options', () => {
  const scores = Float64Array.of(0.1, 0.4, 0.6, 0.9, 0.3, 0.7);
  const targets = Uint8Array.of(0, 1, 0, 1, 0, 1);
  it('rejects broken settings and inputs, naming them', () => {
    expect(() => needsCalibration(scores, targets, { bins: 1 })).toThrow(/calibrationCheck.bins/);
    expect(() => needsCalibration(scores, targets, { splits: 0 })).toThrow(/calibrationCheck.splits/);
    expect(() => needsCalibration(scores, targets, { testShare: 1 })).toThrow(/calibrationCheck.testShare/);
    expect(() => needsCalibration(scores, Uint8Array.of(0, 1))).toThrow(/targets has 2 values, scores has 6/);
    expect(() => needsCalibration(Float64Array.of(0.1, Number.NaN, 0.5), Uint8Array.of(0, 1, 1))).toThrow(/scores\[1\] = NaN/);
  });

  it('depends on the seed only through the splits', () => {
    const f = estimationFixture().calibration[1];
    const a = needsCalibration(Float64Array.from(f.scores), Uint8Array.from(f.targets), { seed: 1 });
    const b = needsCalibration(Float64Array.from(f.scores), Uint8Array.from(f.targets), { seed: 1 });
    const c = needsCalibration(Float64Array.from(f.scores), Uint8Array.from(f.targets), { seed: 2 });
    expect(a).toEqual(b);
    expect(c.eceBefore).not.toBe(a.eceBefore);
    expect(c.needed).toBe(true);
  });
});

describe('expectedCalibrationError', () => {
  it('uses equal-count bins with the remainder in the last one', () => {
    // 5 rows, 2 bins of width 2 → edges 0, 2, 5: |0.15 − 0.5|·2/5 + |0.7 − 2/3|·3/5
    const s = Float64Array.of(0.9, 0.1, 0.6, 0.2, 0.6);
    const t = Float64Array.of(1, 0, 1, 1, 0);
    expect(expectedCalibrationError(s, t, 2)).toBeCloseTo((Math.abs(0.15 - 0.5) * 2) / 5 + (Math.abs(0.7 - 2 / 3) * 3) / 5, 15);
    expect(expectedCalibrationError(Float64Array.of(0.1, 0.2, 0.3), Float64Array.of(0, 1, 0))).toBeNaN();
    expect(expectedCalibrationError(Float64Array.of(0.25, 0.25, 0.75, 0.75), Float64Array.of(0, 1, 1, 0))).toBeCloseTo(0.25, 15);
  });
});
