import { describe, expect, it } from 'vitest';
import { describeSchedule, formatDuration, formatNumber, formatPercent, formatTime, relativeTime } from './format.js';

describe('format', () => {
  it('formats shares, statistics and times as the dashboard shows them', () => {
    expect([formatPercent(1 / 3), formatPercent(0.004), formatPercent(0), formatPercent(undefined)]).toEqual(['33%', '0.4%', '0%', '–']);
    expect([
      formatNumber(0.477591),
      formatNumber(0.0000123),
      formatNumber(null),
      formatNumber(Number.POSITIVE_INFINITY),
      formatNumber(1234.5),
    ]).toEqual(['0.478', '1.23e-5', '–', '∞', '1230']);
    expect(formatTime('2026-03-04T10:20:33.123Z')).toBe('2026-03-04 10:20 UTC');
    expect(formatDuration('2026-03-04T10:20:00Z', '2026-03-04T10:20:02.700Z')).toBe('2.7 s');
    expect(formatDuration('2026-03-04T10:20:00Z', '2026-03-04T10:23:04Z')).toBe('3 min 4 s');
  });

  it('says how long ago or ahead a time is', () => {
    const now = Date.parse('2026-03-04T10:00:00Z');
    expect(relativeTime('2026-03-04T09:57:00Z', now)).toBe('3 min ago');
    expect(relativeTime('2026-03-04T12:00:00Z', now)).toBe('in 2 h');
    expect(relativeTime('2026-03-01T10:00:00Z', now)).toBe('3 d ago');
    expect(relativeTime('2026-03-04T10:00:20Z', now)).toBe('just now');
  });

  it('describes a schedule as the config wrote it, parsed or not', () => {
    expect(describeSchedule('0 * * * *')).toBe('0 * * * *');
    expect(describeSchedule({ every: 3_600_000, jitter: 60_000, missed: 'run-once', timezone: 'UTC' })).toBe('every 1h ± 1m');
    expect(describeSchedule({ cron: '30 6 * * 1-5', jitter: 0, timezone: 'Europe/Berlin' })).toBe('30 6 * * 1-5 (Europe/Berlin)');
    expect(describeSchedule(undefined)).toBe('manual only');
  });
});
