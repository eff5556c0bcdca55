import type { CategoricalColumn, Frame } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { takeRows } from './takeRows.js';

const frame: Frame = {
  rowCount: 4,
  source: 'cur.csv',
  columns: [
    { kind: 'numeric', name: 'n', values: Float64Array.of(1, Number.NaN, 3, 4), invalid: 1 },
    { kind: 'datetime', name: 't', values: Float64Array.of(10, 20, 30, 40), invalid: 0 },
    { kind: 'categorical', name: 'c', codes: Int32Array.of(0, 1, -1, 0), dictionary: ['a', 'b'], invalid: 0 },
    { kind: 'text', name: 's', values: ['w', null, 'y', 'z'], invalid: 0 },
    { kind: 'embedding', name: 'e', dim: 2, values: Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8), invalid: 0 },
  ],
};

describe('takeRows', () => {
  it('copies the chosen rows of every column in the given order', () => {
    const sub = takeRows(frame, Int32Array.of(3, 1));
    expect(sub.rowCount).toBe(2);
    expect(sub.source).toBe('cur.csv');
    const [n, t, c, s, e] = sub.columns as unknown as [any, any, any, any, any];
    expect(Array.from(n.values)).toEqual([4, Number.NaN]);
    expect(Array.from(t.values)).toEqual([40, 20]);
    expect(Array.from(c.codes)).toEqual([0, 1]);
    expect(c.dictionary).toBe((frame.columns[2] as CategoricalColumn).dictionary);
    expect(s.values).toEqual(['z', null]);
    expect(Array.from(e.values)).toEqual([7, 8, 3, 4]);
    expect(n.invalid).toBe(0);
  });

  it('leaves the source frame untouched when the copy is changed', () => {
    const sub = takeRows(frame, Int32Array.of(0, 2, 3));
    (sub.columns[0] as { values: Float64Array }).values.sort().reverse();
    expect(Array.from((frame.columns[0] as { values: Float64Array }).values)).toEqual([1, Number.NaN, 3, 4]);
  });
});
