import type { ChunkPeriod } from '@driftwatch/core';

const msPerHour = 3_600_000;
const msPerDay = 86_400_000;

/**
 * The UTC calendar period holding `ms` (epoch milliseconds) as an integer:
 * hours or days since the epoch, ISO weeks since the week of 1970-01-01
 * (which began on Monday 1969-12-29), or months since year 0. Consecutive
 * periods have consecutive indices, so sorting indices sorts periods in time.
 */
export function periodIndex(ms: number, period: ChunkPeriod): number {
  switch (period) {
    case 'hour':
      return Math.floor(ms / msPerHour);
    case 'day':
      return Math.floor(ms / msPerDay);
    case 'week':
      // 1970-01-01 was a Thursday: shifting by 3 days makes weeks start on Monday.
      return Math.floor((Math.floor(ms / msPerDay) + 3) / 7);
    case 'month': {
      const d = new Date(ms);
      return d.getUTCFullYear() * 12 + d.getUTCMonth();
    }
  }
}

/** The first instant (epoch ms) of the period with index `index`. */
export function periodStart(index: number, period: ChunkPeriod): number {
  switch (period) {
    case 'hour':
      return index * msPerHour;
    case 'day':
      return index * msPerDay;
    case 'week':
      return (index * 7 - 3) * msPerDay;
    case 'month': {
      // setUTCFullYear, unlike Date.UTC, keeps years 0–99 as given.
      const year = Math.floor(index / 12);
      const d = new Date(0);
      d.setUTCFullYear(year, index - year * 12, 1);
      return d.getTime();
    }
  }
}

/**
 * The label of a period: `2026-01-26T13` (hour), `2026-01-26` (day),
 * `2026-W05` (ISO 8601 week: the week-numbering year is that of the week's
 * Thursday), `2026-01` (month).
 */
export function periodLabel(index: number, period: ChunkPeriod): string {
  const start = new Date(periodStart(index, period)).toISOString();
  switch (period) {
    case 'hour':
      return start.slice(0, 13);
    case 'day':
      return start.slice(0, 10);
    case 'month':
      return start.slice(0, 7);
    case 'week': {
      const thursday = new Date(periodStart(index, period) + 3 * msPerDay);
      const year = thursday.getUTCFullYear();
      const jan1 = new Date(0);
      jan1.setUTCFullYear(year, 0, 1);
      const week = Math.floor((thursday.getTime() - jan1.getTime()) / (7 * msPerDay)) + 1;
      return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
    }
  }
}
