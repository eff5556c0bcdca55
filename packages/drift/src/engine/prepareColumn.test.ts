import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countDistinctUpTo, numericAsCategorical, prepareCategorical, prepareNumeric } from './prepareColumn.js';

describe('prepareNumeric', () => {
  it('drops missing and infinite values and counts them', () => {
    const p = prepareNumeric({
      kind: 'numeric',
      name: 'x',
      values: Float64Array.of(1, Number.NaN, Number.POSITIVE_INFINITY, 2, Number.NEGATIVE_INFINITY),
      invalid: 1,
    });
    expect(Array.from(p.sample.values)).toEqual([1, 2]);
    expect(p.counts).toEqual({ rows: 5, missing: 3, invalid: 1, infinite: 2 });
  });

  it('sorts with a scratch buffer, and takes a column the reader marked sorted as it is', () => {
    const sortedHere = prepareNumeric({ kind: 'numeric', name: 'x', values: Float64Array.of(3, 1, 2), invalid: 0 }, new Float64Array(3));
    expect(Array.from(sortedHere.sample.values)).toEqual([1, 2, 3]);
    expect(sortedHere.sample.sorted).toBe(true);
    expect(prepareNumeric({ kind: 'numeric', name: 'x', values: Float64Array.of(3, 1), invalid: 0 }).sample.sorted).toBe(false);
    const values = Float64Array.of(1, 2, 5);
    const marked = prepareNumeric({ kind: 'numeric', name: 'x', values, invalid: 2, sorted: true }, new Float64Array(3));
    expect(marked.sample.values).toBe(values);
    expect(marked.sample.sorted).toBe(true);
    expect(marked.counts).toEqual({ rows: 3, missing: 0, invalid: 2, infinite: 0 });
  });

  it('takes a column the reader marked finite as it is, sample and counts the same as after the check', () => {
    const values = Float64Array.of(3, -1, 2);
    const checked = prepareNumeric({ kind: 'numeric', name: 'x', values: values.slice(), invalid: 1 });
    const marked = prepareNumeric({ kind: 'numeric', name: 'x', values, invalid: 1, finite: true });
    expect(marked.sample.values).toBe(values);
    expect(marked.sample).toEqual(checked.sample);
    expect(marked.counts).toEqual(checked.counts);
    const sorted = prepareNumeric({ kind: 'numeric', name: 'x', values: values.slice(), invalid: 1, finite: true }, new Float64Array(3));
    expect(Array.from(sorted.sample.values)).toEqual([-1, 2, 3]);
    expect(sorted.sample.sorted).toBe(true);
  });
});

describe('prepareCategorical', () => {
  it('aligns two dictionaries on their union and drops missing codes', () => {
    const p = prepareCategorical(
      { kind: 'categorical', name: 'c', codes: Int32Array.of(0, 1, -1, 1), dictionary: ['a', 'b', 'unused'], invalid: 0 },
      { kind: 'categorical', name: 'c', codes: Int32Array.of(1, 0, 0), dictionary: ['c', 'b'], invalid: 0 },
    );
    expect(p.labels).toEqual(['a', 'b', 'c']);
    expect(Array.from(p.reference.codes)).toEqual([0, 1, 1]);
    expect(Array.from(p.current.codes)).toEqual([1, 2, 2]);
    expect(p.reference.categories).toBe(3);
    expect(p.referenceCounts.missing).toBe(1);
  });
});

describe('numericAsCategorical', () => {
  it('makes each distinct value a category in ascending order', () => {
    const c = numericAsCategorical(Float64Array.of(3, 1, 3), Float64Array.of(2, 1));
    expect(c.labels).toEqual([1, 2, 3]);
    expect(Array.from(c.reference.codes)).toEqual([2, 0, 2]);
    expect(Array.from(c.current.codes)).toEqual([1, 0]);
  });
});

describe('numericAsCategorical on sorted samples (the engine sorts them: one merge pass)', () => {
  it('codes and labels equal those of the same values unsorted, ties across the sides and -0/+0 included', () => {
    const reference = Float64Array.of(-0, 0, 1, 1, 4, 7, 7);
    const current = Float64Array.of(-2, 0, 1, 5, 7, 9);
    const sorted = numericAsCategorical(reference, current);
    const shuffled = numericAsCategorical(Float64Array.of(7, 1, -0, 4, 7, 0, 1), Float64Array.of(9, 0, 5, -2, 7, 1));
    expect(sorted.labels).toEqual([-2, -0, 1, 4, 5, 7, 9]);
    expect(shuffled.labels).toEqual(sorted.labels);
    expect([...sorted.reference.codes]).toEqual([1, 1, 2, 2, 3, 5, 5]);
    expect([...sorted.current.codes]).toEqual([0, 1, 2, 4, 5, 6]);
    expect(sorted.current.categories).toBe(7);
    // The engine's hint that both are sorted gives the same.
    expect(numericAsCategorical(reference, current, true)).toEqual(sorted);
  });

  // Single values and runs of one value up to 300 long, so the runs' galloping search meets runs of
  // every length.
  const side = fc
    .array(fc.tuple(fc.integer({ min: -6, max: 6 }), fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 300 }))), { minLength: 1 })
    .map((runs) => runs.flatMap(([x, n]) => Array<number>(n).fill(x)));

  it('codes each value as the binary search over the distinct values does (random sorted samples)', () => {
    fc.assert(
      fc.property(side, side, (a, b) => {
        const reference = Float64Array.from(a).sort();
        const current = Float64Array.from(b).sort();
        const linear = numericAsCategorical(reference, current, true);
        // Reversed, the samples are not ascending: the binary-search path, the same codes reversed.
        const searched = numericAsCategorical(reference.slice().reverse(), current.slice().reverse());
        expect(linear.labels).toEqual(searched.labels);
        expect([...linear.reference.codes]).toEqual([...searched.reference.codes].reverse());
        expect([...linear.current.codes]).toEqual([...searched.current.codes].reverse());
      }),
      { numRuns: 500 },
    );
  });
});

describe('countDistinctUpTo', () => {
  it('counts distinct values over both samples and stops past the cap', () => {
    expect(countDistinctUpTo(Float64Array.of(1, 1, 2), Float64Array.of(2, 3), 5)).toBe(3);
    expect(
      countDistinctUpTo(
        Float64Array.from({ length: 100 }, (_, i) => i),
        new Float64Array(0),
        5,
      ),
    ).toBe(6);
  });
});
