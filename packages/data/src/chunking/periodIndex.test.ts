import { describe, expect, it } from 'vitest';
import { periodIndex, periodLabel, periodStart } from './periodIndex.js';

const label = (iso: string, period: Parameters<typeof periodIndex>[1]) => periodLabel(periodIndex(Date.parse(iso), period), period);

describe('periodIndex', () => {
  it('places instants before 1970 in the right period (floor, not truncation)', () => {
    const t = '1969-12-31T23:30:00Z';
    expect(label(t, 'hour')).toBe('1969-12-31T23');
    expect(label(t, 'day')).toBe('1969-12-31');
    expect(label(t, 'week')).toBe('1970-W01'); // Monday 1969-12-29 opens ISO week 1 of 1970
    expect(label(t, 'month')).toBe('1969-12');
  });

  it('gives consecutive periods consecutive indices whose starts bound the instant', () => {
    for (const period of ['hour', 'day', 'week', 'month'] as const) {
      for (const iso of ['2024-02-29T12:34:56.789Z', '2026-12-31T23:59:59.999Z', '1999-01-01T00:00:00Z']) {
        const ms = Date.parse(iso);
        const i = periodIndex(ms, period);
        expect(periodStart(i, period)).toBeLessThanOrEqual(ms);
        expect(periodStart(i + 1, period)).toBeGreaterThan(ms);
        expect(periodIndex(periodStart(i + 1, period), period)).toBe(i + 1);
      }
    }
  });

  it('labels weeks 53 and months across the year turn', () => {
    expect(label('2026-12-31T10:00:00Z', 'week')).toBe('2026-W53');
    expect(label('2027-01-03T10:00:00Z', 'week')).toBe('2026-W53');
    expect(label('2027-01-04T00:00:00Z', 'week')).toBe('2027-W01');
    expect(new Date(periodStart(periodIndex(Date.parse('2026-12-15T00:00:00Z'), 'month') + 1, 'month')).toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
  });
});
