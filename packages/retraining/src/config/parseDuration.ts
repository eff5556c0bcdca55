import { UsageError } from '@driftwatch/core';

/** Milliseconds per duration unit. */
const units: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const pattern = /^(\d+(?:\.\d*)?|\.\d+)\s*(ms|s|m|h|d|w)$/;

/** The message of every malformed duration. */
export const durationMessage = 'expected a duration such as 30s, 10m, 24h or 7d';

/**
 * Milliseconds of a duration written as `<n><unit>` with unit `ms`, `s`, `m`, `h`, `d` or `w`
 * (`90s`, `1.5h`, `7d`), rounded to a whole millisecond. A `UsageError` for anything else
 * (a bare number without its unit too: `30` could mean seconds or minutes).
 */
export function parseDuration(text: string): number {
  const match = pattern.exec(text.trim());
  if (!match) throw new UsageError(`${durationMessage}, got ${JSON.stringify(text)}`);
  const ms = Math.round(Number(match[1]) * (units[match[2] as string] as number));
  if (!Number.isFinite(ms)) throw new UsageError(`${durationMessage}, got ${JSON.stringify(text)}`);
  return ms;
}

/** Writes `ms` back in the largest unit it reaches, with at most one decimal (`3h`, `1.5d`, `90s` → `1.5m`), for messages. */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    const size = units[unit] as number;
    if (Math.abs(ms) >= size) return `${Math.round((ms / size) * 10) / 10}${unit}`;
  }
  return `${Math.round(ms)}ms`;
}
