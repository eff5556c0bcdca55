import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUsageError } from '../errors/isDriftwatchError.js';
import { durationAtLeast, durationSchema } from './durationSchema.js';
import { formatDuration } from './formatDuration.js';
import { parseDuration } from './parseDuration.js';

describe('parseDuration', () => {
  it('reads every unit, fractions and spaces', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration(' 7d ')).toBe(604_800_000);
    expect(parseDuration('10 m')).toBe(600_000);
    expect(parseDuration('.5s')).toBe(500);
    expect(parseDuration('2.s')).toBe(2_000);
    expect(parseDuration('2w')).toBe(1_209_600_000);
    expect(parseDuration('0.0004s')).toBe(0);
  });

  it('reads numbers as milliseconds, rounded', () => {
    expect(parseDuration(1500)).toBe(1500);
    expect(parseDuration(2.5)).toBe(3);
  });

  it('takes zero for a duration', () => {
    expect(parseDuration(0)).toBe(0);
    expect(parseDuration('0s')).toBe(0);
    expect(parseDuration('0w')).toBe(0);
  });

  it('rejects a number in a string: its unit is needed', () => {
    expect(() => parseDuration('30')).toThrow(
      'expected a duration such as 30s, 10m, 24h or 7d, got "30" (a unit is needed: 30s, 30m, … or 30ms)',
    );
    expect(() => parseDuration(' 1.5 ')).toThrow(/a unit is needed: 1\.5s/);
  });

  it('rejects broken input with a UsageError naming it', () => {
    const broken: (string | number)[] = [
      '',
      ' ',
      'h',
      's10',
      '10 minutes',
      'ten minutes',
      '-5s',
      '+5s',
      '1e3s',
      '1y',
      '5M',
      '5H',
      '1h30m',
      '10s ago',
      '1..5h',
      '0x10s',
      '１０s',
      '99999999999999999999w',
      -1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      2 ** 60,
    ];
    for (const bad of broken) {
      let error: unknown;
      try {
        parseDuration(bad);
      } catch (e) {
        error = e;
      }
      expect(isUsageError(error), `${String(bad)} rejected`).toBe(true);
      expect((error as Error).message).toMatch(/^expected a duration such as 30s, 10m, 24h or 7d, got /);
    }
    expect(() => parseDuration(-5)).toThrow(/, got -5$/);
    expect(() => parseDuration(Number.NaN)).toThrow(/, got NaN$/);
  });

  it('reads back what formatDuration writes, to within its rounding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 604_800_000 }), (ms) => {
        const back = parseDuration(formatDuration(ms));
        expect(Math.abs(back - ms)).toBeLessThanOrEqual(Math.max(0.05 * ms, 0.5));
      }),
    );
  });
});

describe('formatDuration', () => {
  it('writes the largest unit reached, with at most one decimal', () => {
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(1500)).toBe('1.5s');
    expect(formatDuration(90_000)).toBe('1.5m');
    expect(formatDuration(30 * 60_000)).toBe('30m');
    expect(formatDuration(3 * 3_600_000)).toBe('3h');
    expect(formatDuration(86_400_000)).toBe('1d');
    expect(formatDuration(604_800_000)).toBe('1w');
    expect(formatDuration(0)).toBe('0ms');
  });
});

describe('durationSchema', () => {
  it('parses to milliseconds', () => {
    expect(durationSchema.parse('24h')).toBe(86_400_000);
    expect(durationSchema.parse(5000)).toBe(5000);
    expect(durationSchema.parse(0)).toBe(0);
  });

  it('reports one issue per broken value, with the message of parseDuration', () => {
    const messages = (value: unknown) => durationSchema.safeParse(value).error?.issues.map((i) => i.message);
    expect(messages('tomorrow')).toEqual(['expected a duration such as 30s, 10m, 24h or 7d, got "tomorrow"']);
    expect(messages(-5)).toEqual(['expected a duration such as 30s, 10m, 24h or 7d, got -5']);
    expect(messages(true)).toEqual(['expected a duration such as 30s, 10m, 24h or 7d']);
    expect(messages(null)).toEqual(['expected a duration such as 30s, 10m, 24h or 7d']);
    expect(messages('30')?.[0]).toMatch(/a unit is needed/);
  });

  it('keeps a minimum with durationAtLeast', () => {
    expect(durationAtLeast(1000).parse('2m')).toBe(120_000);
    expect(
      durationAtLeast(1000)
        .safeParse('5ms')
        .error?.issues.map((i) => i.message),
    ).toEqual(['at least 1s, got 5ms']);
    expect(
      durationAtLeast(1)
        .safeParse('0s')
        .error?.issues.map((i) => i.message),
    ).toEqual(['at least 1ms, got 0ms']);
    expect(
      durationAtLeast(1)
        .safeParse('soon')
        .error?.issues.map((i) => i.message),
    ).toEqual(['expected a duration such as 30s, 10m, 24h or 7d, got "soon"']);
  });
});
