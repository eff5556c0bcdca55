import { describe, expect, it } from 'vitest';
import { durationOption, formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads ms numbers and unit strings', () => {
    expect(parseDuration(1500)).toBe(1500);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('ten minutes')).toBeUndefined();
    expect(parseDuration(-1)).toBeUndefined();
  });

  it('writes durations back in the largest whole unit', () => {
    expect(formatDuration(30 * 60_000)).toBe('30m');
    expect(formatDuration(90_000)).toBe('90s');
    expect(formatDuration(1500)).toBe('1500ms');
  });

  it('validates as a zod option with a minimum', () => {
    expect(durationOption(1000).parse('2m')).toBe(120_000);
    expect(durationOption(1000).safeParse('5ms').success).toBe(false);
    expect(durationOption().safeParse('soon').error?.issues[0]?.message).toContain('a duration');
  });
});
