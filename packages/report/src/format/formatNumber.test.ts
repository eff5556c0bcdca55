import { describe, expect, it } from 'vitest';
import { formatAxis } from './formatAxis.js';
import { formatInteger } from './formatInteger.js';
import { formatNumber } from './formatNumber.js';
import { formatPercent } from './formatPercent.js';

describe('formatNumber', () => {
  it('gives 4 significant digits, exponents for the tiny and huge, signs for the rest', () => {
    expect([0, 0.123456, 1234.5678, 1e-5, 3.2e-12, 12345678, -0.5].map((x) => formatNumber(x))).toEqual([
      '0',
      '0.1235',
      '1235',
      '1e-5',
      '3.2e-12',
      '1.23e+7',
      '-0.5',
    ]);
    expect([null, undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map((x) => formatNumber(x))).toEqual([
      '—',
      '—',
      'NaN',
      '∞',
      '-∞',
    ]);
    expect(formatNumber(84.0028, 3)).toBe('84');
  });
});

describe('formatPercent', () => {
  it('shows shares as percentages with up to 3 significant digits', () => {
    expect([0, 0.1234, 0.00042, 1, 1.2345, null, Number.NaN].map(formatPercent)).toEqual([
      '0%',
      '12.3%',
      '0.042%',
      '100%',
      '123%',
      '—',
      '—',
    ]);
  });
});

describe('formatInteger', () => {
  it('groups digits', () => {
    expect([0, 999, 1000, 1234567, -1234567, 2.5, null].map(formatInteger)).toEqual([
      '0',
      '999',
      '1,000',
      '1,234,567',
      '-1,234,567',
      '2.5',
      '—',
    ]);
  });
});

describe('formatAxis', () => {
  it('shortens large ticks with a suffix and keeps small ones', () => {
    expect([0, 0.25, 2500, 50000, -150000, 1.2e6, 3e9, 4e12, 2e15, 1e-5].map(formatAxis)).toEqual([
      '0',
      '0.25',
      '2500',
      '50k',
      '-150k',
      '1.2M',
      '3G',
      '4T',
      '2e+15',
      '1e-5',
    ]);
  });
});
