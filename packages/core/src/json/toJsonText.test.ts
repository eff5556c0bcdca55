import { describe, expect, it } from 'vitest';
import { decodeNonFinite, encodeNonFinite } from './nonFiniteNumbers.js';
import { toJsonText } from './toJsonText.js';

describe('toJsonText', () => {
  const value = {
    statistic: Number.POSITIVE_INFINITY,
    pValue: 0,
    low: Number.NEGATIVE_INFINITY,
    none: Number.NaN,
    values: [1, Number.NaN, 2],
  };

  it('writes non-finite numbers as strings, so the text always parses', () => {
    expect(toJsonText(value)).toBe('{"statistic":"Infinity","pValue":0,"low":"-Infinity","none":"NaN","values":[1,"NaN",2]}');
    expect(toJsonText({ a: [Number.POSITIVE_INFINITY] }, { space: 2 })).toBe('{\n  "a": [\n    "Infinity"\n  ]\n}');
    expect(toJsonText(Number.NaN)).toBe('"NaN"');
  });

  it('writes gaps in arrays as null when asked (chart series)', () => {
    expect(toJsonText(value, { nullGapsInArrays: true })).toBe(
      '{"statistic":"Infinity","pValue":0,"low":"-Infinity","none":"NaN","values":[1,null,2]}',
    );
  });

  it('reads back what it wrote', () => {
    const back = JSON.parse(toJsonText(value), (_key, v) => decodeNonFinite(v));
    expect(back).toEqual(value);
    expect(encodeNonFinite(-0)).toBe(-0);
    expect(decodeNonFinite('nan')).toBe('nan');
    expect(decodeNonFinite('toString')).toBe('toString');
    expect(decodeNonFinite(null)).toBeNull();
  });

  it('writes plain data without non-finite numbers exactly as JSON.stringify does, and the rest through the replacer', () => {
    const plain = { a: [1, -0, 2.5e-300, 'x', true, null, undefined, [[[]]], {}], b: { c: 'NaN', d: Object.create(null) }, e: undefined };
    expect(toJsonText(plain, { space: 2 })).toBe(JSON.stringify(plain, null, 2));
    const holes: number[] = [];
    holes[0] = 1;
    holes[2] = 3;
    expect(toJsonText(holes)).toBe('[1,null,3]');
    // What JSON.stringify would see only through toJSON, a prototype or a getter still gets its strings.
    const withToJson = { at: new Date(0), later: { toJSON: () => Number.NaN } };
    expect(toJsonText(withToJson)).toBe('{"at":"1970-01-01T00:00:00.000Z","later":"NaN"}');
    class Point {
      x = Number.POSITIVE_INFINITY;
    }
    expect(toJsonText({ p: new Point() })).toBe('{"p":{"x":"Infinity"}}');
    expect(
      toJsonText({
        get g() {
          return Number.NaN;
        },
      }),
    ).toBe('{"g":"NaN"}');
    let deep: unknown = [Number.NaN];
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(toJsonText(deep)).toBe(`${'['.repeat(101)}"NaN"${']'.repeat(101)}`);
    const cycle: Record<string, unknown> = { n: 1 };
    cycle.self = cycle;
    expect(() => toJsonText(cycle)).toThrow(TypeError);
  });
});
