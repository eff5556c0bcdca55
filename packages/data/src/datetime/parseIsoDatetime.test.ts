import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDatetime } from './parseIsoDatetime.js';

describe('parseIsoDatetime', () => {
  it.each([
    ['2024-01-02', Date.UTC(2024, 0, 2)],
    ['2024-01-02T03:04', Date.UTC(2024, 0, 2, 3, 4)],
    ['2024-01-02 03:04:05', Date.UTC(2024, 0, 2, 3, 4, 5)],
    ['2024-01-02t03:04:05.5Z', Date.UTC(2024, 0, 2, 3, 4, 5, 500)],
    ['2024-01-02T03:04:05.123456789z', Date.UTC(2024, 0, 2, 3, 4, 5, 123)],
    ['2024-01-02T03:04:05+05:30', Date.UTC(2024, 0, 1, 21, 34, 5)],
    ['2024-01-02T03:04:05-0100', Date.UTC(2024, 0, 2, 4, 4, 5)],
    ['2024-01-02T03:04:05+02', Date.UTC(2024, 0, 2, 1, 4, 5)],
    ['2000-02-29', Date.UTC(2000, 1, 29)],
    ['1969-12-31T23:59:59.999Z', -1],
    ['0001-01-01', -62135596800000],
  ])('reads %s', (text, ms) => {
    expect(parseIsoDatetime(text)).toBe(ms);
  });

  it.each([
    '',
    '2024',
    '2024-1-02',
    '2024-13-01',
    '2023-02-29',
    '2024-01-32',
    '2024-01-02T24:00',
    '2024-01-02T03:60',
    '2024-01-02X03:04',
    '2024-01-02T03:04:05.',
    '2024-01-02T03:04Zx',
    '2024-01-02T03:04+5',
    '01/02/2024',
    'abc',
  ])('rejects %j', (text) => {
    expect(parseIsoDatetime(text)).toBeNaN();
  });

  it('agrees with Date.parse on ISO date-times with Z', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }), (d) => {
        const text = d.toISOString();
        expect(parseIsoDatetime(text)).toBe(Date.parse(text));
      }),
      { numRuns: 2000 },
    );
  });
});
