import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NumericColumn, ScaledDecimals } from './Frame.js';
import { decodeScaled, scaledNumericColumn } from './scaledNumericColumn.js';

describe('decodeScaled', () => {
  it('gives the double the decimal text reads as, to the bit, at every scale', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31) + 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 9 }), (n, scale) => {
        const digits = String(Math.abs(n)).padStart(scale + 1, '0');
        const text = `${n < 0 ? '-' : ''}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
        const [x] = decodeScaled({ ints: Int32Array.of(n), scale });
        // -0 never comes from an integer: n = 0 decodes to +0, as "0.000" reads.
        expect(Object.is(x, n === 0 ? 0 : Number(text))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('writes into a long enough buffer, else into a new one', () => {
    const out = new Float64Array(5);
    const got = decodeScaled({ ints: Int32Array.of(15, -2500), scale: 2 }, out);
    expect(got.buffer).toBe(out.buffer);
    expect([...got]).toEqual([0.15, -25]);
    expect(decodeScaled({ ints: Int32Array.of(1, 2, 3), scale: 0 }, new Float64Array(2)).length).toBe(3);
  });
});

describe('scaledNumericColumn', () => {
  const make = (): NumericColumn =>
    scaledNumericColumn({ kind: 'numeric', name: 'x', invalid: 0, finite: true }, { ints: Int32Array.of(125, -5, 0), scale: 2 });

  it('decodes its values once, when read, and is then a float column (no integers kept)', () => {
    const column = make();
    expect(column.scaled?.scale).toBe(2);
    const values = column.values;
    expect([...values]).toEqual([1.25, -0.05, 0]);
    expect(column.values).toBe(values);
    expect(column.scaled).toBeUndefined();
    expect(Object.keys(column)).toContain('values');
  });

  it('decodeScaled of its integers decodes afresh without changing the column', () => {
    const column = make();
    const a = decodeScaled(column.scaled as ScaledDecimals);
    expect([...a]).toEqual([1.25, -0.05, 0]);
    expect(column.scaled).toBeDefined();
    expect(decodeScaled(column.scaled as ScaledDecimals)).not.toBe(a);
  });

  it('a spread copy is a float column: its values, never the integers', () => {
    const column = make();
    const copy = { ...column, name: 'renamed' };
    expect(copy.scaled).toBeUndefined();
    expect([...copy.values]).toEqual([1.25, -0.05, 0]);
    // Reading `values` through the spread turned the original into a float column too.
    expect(column.scaled).toBeUndefined();
  });
});
