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
});
