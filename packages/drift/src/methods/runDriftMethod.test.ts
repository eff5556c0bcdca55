import { describe, expect, it } from 'vitest';
import { referenceSample } from '../testing/referenceSample.js';
import { ks2samp } from '../univariate/ks2samp.js';
import { runDriftMethod } from './runDriftMethod.js';

const numeric = (values: Float64Array) => ({ kind: 'numeric' as const, values });
const codes = (...c: number[]) => ({ kind: 'categorical' as const, codes: Int32Array.from(c), categories: Math.max(...c) + 1 });

describe('runDriftMethod', () => {
  it('returns statistic, p-value, threshold and verdict, dropping missing and infinite values first', () => {
    const a = referenceSample({ seed: 11, n: 300 });
    const b = referenceSample({ seed: 12, n: 300, loc: 0.4 });
    const withGaps = Float64Array.of(...b, Number.NaN, Number.POSITIVE_INFINITY);
    const expected = ks2samp(a, b);
    expect(runDriftMethod('ks', numeric(a), numeric(withGaps))).toEqual({
      statistic: expected.statistic,
      pValue: expected.pValue,
      threshold: 0.05,
      drifted: true,
    });
    expect(runDriftMethod('ks', numeric(a), numeric(b), { threshold: expected.pValue / 2 }).drifted).toBe(false);
  });

  it('applies each rule at the threshold exactly (ed drifts when d > t, wasserstein when d ≥ t)', () => {
    const a = numeric(Float64Array.of(0, 1, 2, 3));
    const b = numeric(Float64Array.of(1, 2, 3, 4));
    const ed = runDriftMethod('ed', a, b);
    expect(runDriftMethod('ed', a, b, { threshold: ed.statistic as number }).drifted).toBe(false);
    const wd = runDriftMethod('wasserstein', a, b);
    expect(runDriftMethod('wasserstein', a, b, { threshold: wd.statistic as number }).drifted).toBe(true);
  });

  it('reports degenerate input as skipped, never as drift', () => {
    expect(runDriftMethod('ks', numeric(Float64Array.of(2, 2)), numeric(Float64Array.of(2)))).toMatchObject({
      drifted: false,
      statistic: null,
      skipped: 'constant column (one value on both sides)',
    });
    expect(runDriftMethod('chisquare', codes(1, 1), codes(1))).toMatchObject({ skipped: 'single category on both sides' });
    expect(runDriftMethod('z', codes(0, 1, 2), codes(0, 1))).toMatchObject({ skipped: 'z needs a binary column (found 3 values)' });
    expect(runDriftMethod('t_test', numeric(Float64Array.of(Number.NaN)), numeric(Float64Array.of(1, 2)))).toMatchObject({
      skipped: 'no values in the reference',
    });
  });

  it("counts one value on both sides as no drift with constant: 'count' (statistic 0, p = 1 for tests)", () => {
    expect(runDriftMethod('ks', numeric(Float64Array.of(2, 2)), numeric(Float64Array.of(2)), { constant: 'count' })).toEqual({
      statistic: 0,
      pValue: 1,
      threshold: 0.05,
      drifted: false,
    });
    expect(runDriftMethod('jensenshannon', codes(1, 1), codes(1), { constant: 'count' })).toEqual({
      statistic: 0,
      pValue: null,
      threshold: 0.1,
      drifted: false,
    });
  });

  it('rejects unknown methods and numeric methods on categorical samples', () => {
    expect(() => runDriftMethod('kss', codes(0, 1), codes(0, 1))).toThrow(/unknown drift method "kss"/);
    expect(() => runDriftMethod('ks', codes(0, 1), codes(0, 1))).toThrow(/ks needs numeric samples/);
  });
});
