import { UsageError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { metricRange } from '../registry/metricRegistry.js';
import { findAlerts } from './findAlerts.js';
import { resolveThreshold } from './resolveThreshold.js';

describe('resolveThreshold', () => {
  it('constant bounds, clipped to the metric range', () => {
    expect(resolveThreshold('f1', { type: 'constant', lower: 0.7 })).toEqual({ lower: 0.7, upper: null });
    expect(resolveThreshold('f1', { type: 'constant', lower: -0.2, upper: 1.4 })).toEqual({ lower: 0, upper: 1 });
    expect(resolveThreshold('mae', { type: 'constant', upper: 12.5 })).toEqual({ lower: null, upper: 12.5 });
    expect(resolveThreshold('r2', { type: 'constant', lower: -5, upper: 3 })).toEqual({ lower: -5, upper: 1 });
  });
  it('maxDrop: absolute or relative, in the direction that is worse', () => {
    expect(resolveThreshold('f1', { type: 'maxDrop', drop: 0.05, referenceValue: 0.8 })).toEqual({ lower: 0.8 - 0.05, upper: null });
    expect(resolveThreshold('f1', { type: 'maxDrop', drop: 0.1, relative: true, referenceValue: 0.8 }).lower).toBeCloseTo(0.72, 15);
    // losses get worse upwards
    expect(resolveThreshold('log_loss', { type: 'maxDrop', drop: 0.05, referenceValue: 0.4 })).toEqual({ lower: null, upper: 0.4 + 0.05 });
    expect(resolveThreshold('mae', { type: 'maxDrop', drop: 0.5, relative: true, referenceValue: 2 })).toEqual({ lower: null, upper: 3 });
    // reference value from the reference chunks' mean; clipped at the range
    expect(resolveThreshold('accuracy', { type: 'maxDrop', drop: 0.05 }, { referenceValues: [0.9, 0.7, null] }).lower).toBeCloseTo(
      0.75,
      15,
    );
    expect(resolveThreshold('accuracy', { type: 'maxDrop', drop: 2, referenceValue: 0.5 })).toEqual({ lower: 0, upper: null });
  });
  it('std: mean ± k·std with ddof 0 (np.std, as NannyML), k = 3 by default, clipped', () => {
    const ref = [0.8, 0.82, 0.78, 0.81, 0.79];
    const mean = 0.8;
    const sd = Math.sqrt((0 + 0.0004 + 0.0004 + 0.0001 + 0.0001) / 5); // ddof 0
    const b = resolveThreshold('accuracy', { type: 'std' }, { referenceValues: ref });
    expect(b.lower).toBeCloseTo(mean - 3 * sd, 12);
    expect(b.upper).toBeCloseTo(mean + 3 * sd, 12);
    const b2 = resolveThreshold('accuracy', { type: 'std', k: 2, upperK: null }, { referenceValues: ref });
    expect(b2.lower).toBeCloseTo(mean - 2 * sd, 12);
    expect(b2.upper).toBeNull();
    // close to 1 with a wide spread: the upper band is clipped to the range
    expect(resolveThreshold('roc_auc', { type: 'std' }, { referenceValues: [0.99, 0.9, 0.97] }).upper).toBe(1);
    expect(resolveThreshold('mcc', { type: 'std', k: 10 }, { referenceValues: [0, 0.5] }).lower).toBe(-1);
    // an explicit range (Brier on a binary task)
    expect(
      resolveThreshold('brier', { type: 'std', k: 50 }, { referenceValues: [0.2, 0.25], range: metricRange('brier', 'binary') }).upper,
    ).toBe(1);
  });
  it('rejects bad thresholds with the field named', () => {
    expect(() => resolveThreshold('f1', { type: 'std' }, { referenceValues: [null] })).toThrow(
      /std: needs at least one defined reference value/,
    );
    expect(() => resolveThreshold('f1', { type: 'maxDrop', drop: 0.1 })).toThrow(/maxDrop: needs at least one defined reference value/);
    expect(() => resolveThreshold('f1', { type: 'maxDrop', drop: -0.1, referenceValue: 1 })).toThrow(/drop must be >= 0/);
    expect(() => resolveThreshold('f1', { type: 'maxDrop', drop: Number.NaN, referenceValue: 1 })).toThrow(/drop must be a finite number/);
    expect(() => resolveThreshold('f1', { type: 'constant', lower: 0.9, upper: 0.1 })).toThrow(/lower 0.9 is above upper 0.1/);
    expect(() => resolveThreshold('f1', { type: 'std', k: -1 }, { referenceValues: [1] })).toThrow(/multipliers must be >= 0/);
    expect(() => resolveThreshold('f1', { type: 'band' } as never)).toThrow(UsageError);
    expect(() => resolveThreshold('f1', { type: 'band' } as never)).toThrow(
      /unknown threshold type "band" \(known: constant, maxDrop, std\)/,
    );
    expect(() => resolveThreshold('f9' as never, { type: 'constant' })).toThrow(/unknown metric "f9"/);
  });
});

describe('findAlerts', () => {
  it('flags values strictly outside the bounds, never undefined ones', () => {
    const alerts = findAlerts({ lower: 0.7, upper: 0.9 }, [0.8, 0.7, 0.69, 0.95, null, 0.9, Number.NaN]);
    expect(alerts).toEqual([
      { alert: false, side: null },
      { alert: false, side: null },
      { alert: true, side: 'below' },
      { alert: true, side: 'above' },
      { alert: false, side: null },
      { alert: false, side: null },
      { alert: false, side: null },
    ]);
    expect(findAlerts({ lower: null, upper: null }, [-1e9, 1e9]).some((a) => a.alert)).toBe(false);
  });
  it('end to end: a std band from reference chunks alerts on the degraded chunk', () => {
    const bounds = resolveThreshold('f1', { type: 'std' }, { referenceValues: [0.81, 0.8, 0.82, 0.79, 0.8] });
    expect(findAlerts(bounds, [0.8, 0.79, 0.7]).map((a) => a.alert)).toEqual([false, false, true]);
  });
});
