import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberCursor } from './NumberCursor.js';
import { parseNumberText } from './parseNumberText.js';

/** Parses `text` followed by a delimiter, as the CSV reader sees it; `undefined` if the whole text is not consumed. */
function parseBytes(text: string): number | undefined {
  const buf = Buffer.from(`${text},`, 'latin1');
  const cursor = new NumberCursor();
  const x = cursor.parse(buf, 0);
  return text.length > 0 && cursor.end === text.length ? x : undefined;
}

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** Decimal strings of every shape: sign, integer and fraction parts, exponent. */
const decimalText = fc
  .record({
    sign: fc.constantFrom('', '-', '+'),
    int: digits(0, 25),
    dot: fc.boolean(),
    frac: digits(0, 25),
    exp: fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), fc.integer({ min: 0, max: 400 })), {
      nil: undefined,
    }),
  })
  .map(({ sign, int, dot, frac, exp }) => {
    let t = sign + int;
    if (dot) t += `.${frac}`;
    if (!/\d/.test(t)) t += '0';
    if (exp) t += `${exp[0]}${exp[1]}${exp[2]}`;
    return t;
  });

/** The common field around the int32 path's edges: up to 11 digits a side, as a CSV writer prints them. */
const shortDecimalText = fc
  .record({ sign: fc.constantFrom('', '-', '+'), int: digits(0, 11), dot: fc.boolean(), frac: digits(0, 11) })
  .map(({ sign, int, dot, frac }) => {
    let t = sign + int;
    if (dot) t += `.${frac}`;
    if (!/\d/.test(t)) t += '0';
    return t;
  });

describe('NumberCursor', () => {
  it('reads short decimals exactly as Number() does, across the 9- and 15-digit edges of its int32 path', () => {
    fc.assert(
      fc.property(shortDecimalText, (text) => {
        expect(Object.is(parseBytes(text), Number(text))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads every decimal string exactly as Number() does', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(Object.is(parseBytes(text), Number(text))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads the shortest round-trip text of any double back', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = String(x);
        expect(Object.is(parseBytes(text), Number(text))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads fixed-decimal output like the benchmark files', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 17 }), (x, d) => {
        const text = x.toFixed(d);
        expect(Object.is(parseBytes(text), Number(text))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    '0',
    '-0',
    '+0',
    '-0.0',
    '1.',
    '.5',
    '-.5',
    '+.5e1',
    '007',
    '1e22',
    '1e23',
    '9007199254740991',
    '9007199254740992',
    '9007199254740993',
    '123456789012345678901234567890',
    '0.1',
    '0.30000000000000004',
    '2.2250738585072011e-308', // the famous slow case in Java/PHP
    '2.2250738585072014e-308', // smallest normal
    '4.9e-324', // smallest denormal
    '2.4703282292062327e-324', // half the smallest denormal, rounds to 0
    '2.4703282292062328e-324', // just above: rounds up to 4.9e-324
    '1.7976931348623157e308',
    '1.7976931348623159e308', // rounds to Infinity
    '1e-400',
    '1e400',
    '0e999999',
    '9007199254740993.0000000000000001',
    '1.00000000000000011102230246251565404236316680908203125', // exactly halfway between 1 and its successor
    '1.00000000000000011102230246251565404236316680908203126',
    '0.000001234',
    '-1.234567',
    '12345678901234567e-30',
    // The edges of the common field's int32 path (at most 9 digits a side, 15 in all).
    '999999999',
    '1000000000',
    '2147483647',
    '2147483648',
    '4294967296',
    '-999999999.999999',
    '123456789.123456',
    '123456789.1234567',
    '12345678.1234567',
    '1234567890.12345',
    '0.000000001',
    '-0.0000000001',
    '000000000000.5',
    '-0.000',
    '9.99999999999999',
  ])('reads %s like Number()', (text) => {
    expect(Object.is(parseBytes(text), Number(text))).toBe(true);
  });

  it.each([
    ['inf', Number.POSITIVE_INFINITY],
    ['-inf', Number.NEGATIVE_INFINITY],
    ['+Inf', Number.POSITIVE_INFINITY],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['INFINITY', Number.POSITIVE_INFINITY],
  ])('reads %s as infinite', (text, value) => {
    expect(parseBytes(text)).toBe(value);
  });

  it.each(['', '-', '+', '.', '-.', 'e5', '.e5', 'abc', 'NaN', '1e', '1e+', '1.2.3', '1_000', '0x10', '1 ', ' 1', 'in', '.inf', '1,5'])(
    'rejects %j (does not consume it whole)',
    (text) => {
      expect(parseBytes(text)).toBeUndefined();
    },
  );
});

/**
 * What `parseScaledInto` must store for `text` at `scale`, worked out with strings and BigInt:
 * `[sign] digits [. digits]`, at most 9 digits a side and `scale` after the point, not −0, within int32.
 */
function scaledOf(text: string, scale: number): number | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m) return undefined;
  const [, sign, whole = '', fraction = ''] = m;
  if (whole.length + fraction.length === 0 || whole.length > 9 || fraction.length > 9 || fraction.length > scale) return undefined;
  const n = BigInt(`${whole}${fraction.padEnd(scale, '0')}` || '0');
  if (n > 2147483647n || (n === 0n && sign === '-')) return undefined;
  return Number(sign === '-' ? -n : n);
}

describe('NumberCursor.parseScaledInto', () => {
  const scaled = (text: string, scale: number) => {
    const buf = Buffer.from(`${text},`, 'latin1');
    const cursor = new NumberCursor();
    const out = new Int32Array(1);
    const end = cursor.parseScaledInto(buf, 0, out, 0, scale);
    return { end, n: out[0] as number, fitsAtScale: cursor.fitsAtScale };
  };

  it('takes exactly the numbers that fit the scale, as integers that decode to what parseInto reads', () => {
    fc.assert(
      fc.property(shortDecimalText, fc.integer({ min: 0, max: 9 }), (text, scale) => {
        const got = scaled(text, scale);
        const want = scaledOf(text, scale);
        if (want === undefined) {
          expect(got.end).toBe(-1);
          // A larger scale takes it exactly when it fits at its own digits after the point.
          const own = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
          expect(got.fitsAtScale).toBe(scaledOf(text, own) !== undefined ? own : -1);
        } else {
          expect(got.end).toBe(text.length);
          expect(got.n).toBe(want);
          expect(Object.is(got.n / 10 ** scale, parseBytes(text))).toBe(true);
        }
      }),
      { numRuns: 30_000 },
    );
  });

  it('refuses −0, exponents, infinities, empty fields and the int32 edge', () => {
    expect(scaled('-0', 0).end).toBe(-1);
    expect(scaled('-0.000', 3).end).toBe(-1);
    expect(scaled('-0.000', 3).fitsAtScale).toBe(-1);
    expect(scaled('1e3', 0).end).toBe(-1);
    expect(scaled('inf', 0).end).toBe(-1);
    expect(scaled('', 0).end).toBe(-1);
    expect(scaled('-', 0).end).toBe(-1);
    expect(scaled('999999999', 0)).toMatchObject({ end: 9, n: 999999999 });
    expect(scaled('1000000000', 0).end).toBe(-1); // 10 digits
    expect(scaled('2.147483647', 9)).toMatchObject({ end: 11, n: 2147483647 });
    expect(scaled('-2.147483647', 9)).toMatchObject({ end: 12, n: -2147483647 });
    expect(scaled('2.147483648', 9)).toMatchObject({ end: -1, fitsAtScale: -1 });
    expect(scaled('0.5', 0)).toMatchObject({ end: -1, fitsAtScale: 1 });
    expect(scaled('5.', 0)).toMatchObject({ end: 2, n: 5 });
    expect(scaled('+.25', 3)).toMatchObject({ end: 4, n: 250 });
  });
});

describe('parseNumberText', () => {
  it('agrees with the byte reader on every decimal string', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(Object.is(parseNumberText(text), Number(text))).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

  it('trims spaces and tabs, reads inf and nan spellings, rejects the rest', () => {
    expect(parseNumberText(' 1.5\t')).toBe(1.5);
    expect(parseNumberText('-INF')).toBe(Number.NEGATIVE_INFINITY);
    expect(parseNumberText('NAN')).toBeNaN();
    expect(parseNumberText('-nan')).toBeNaN();
    for (const t of ['', ' ', 'abc', '1e', '0x10', '1_0', 'Infinityx', '١']) expect(parseNumberText(t)).toBeUndefined();
  });
});
