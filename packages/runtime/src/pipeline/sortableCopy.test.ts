import { type Frame, type NumericColumn, scaledNumericColumn } from '@driftwatch/core';
import { ExactDriftEngine } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import { sortableCopy } from './sortableCopy.js';

const floats = (name: string, values: number[]): NumericColumn => ({
  kind: 'numeric',
  name,
  values: Float64Array.from(values),
  invalid: 0,
});
const scaled = (name: string, ints: number[]) =>
  scaledNumericColumn({ kind: 'numeric' as const, name, invalid: 0, finite: true }, { ints: Int32Array.from(ints), scale: 2 });

describe('sortableCopy', () => {
  it('copies the named float columns and shares the others', () => {
    const frame: Frame = { source: 'f', rowCount: 3, columns: [floats('a', [3, 1, 2]), floats('b', [1, 2, 3])] };
    const copy = sortableCopy(frame, ['a']);
    expect(copy.columns[1]).toBe(frame.columns[1]);
    const a = copy.columns[0] as NumericColumn;
    expect(a.values).not.toBe((frame.columns[0] as NumericColumn).values);
    expect([...a.values]).toEqual([3, 1, 2]);
  });

  it("gives a scaled column a column object of its own over the same integers, which the engine's sort leaves in file order", () => {
    const ref = scaled('x', [300, 100, 200, 150]);
    const cur = scaled('x', [500, 400, 450, 425]);
    const frames = [
      { source: 'r', rowCount: 4, columns: [ref] },
      { source: 'c', rowCount: 4, columns: [cur] },
    ] satisfies Frame[];
    const [r, c] = frames.map((f) => sortableCopy(f, ['x'])) as [Frame, Frame];
    const copied = r.columns[0] as NumericColumn;
    expect(copied === ref).toBe(false); // not `.not.toBe`, which reads both objects (and so their values)
    expect(copied.scaled?.ints).toBe(ref.scaled?.ints);
    new ExactDriftEngine().compare(r, c, { methods: { x: 'wasserstein' }, reorderRows: true });
    // Decoded into the engine's own arrays: the originals are still scaled, in file order.
    expect(ref.scaled).toBeDefined();
    expect([...ref.values]).toEqual([3, 1, 2, 1.5]);
    expect([...copied.values]).toEqual([3, 1, 2, 1.5]);
  });
});
