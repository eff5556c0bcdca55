import { z } from 'zod';

const units: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const pattern = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;

/**
 * Milliseconds of a duration written as a number of ms or as `<n><unit>`
 * with unit `ms`, `s`, `m`, `h` or `d` (`30s`, `10m`, `1.5h`, `1d`);
 * undefined for anything else.
 */
export function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const match = pattern.exec(value.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * units[match[2]!]!);
}

/** Writes `ms` back in the largest whole unit (`30m`, `90s`, `1500ms`), for messages. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = units[unit]!;
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** A zod option taking ms or `30s`/`10m`/`1h`/`1d`, parsed to ms, at least `minMs`. */
export function durationOption(minMs = 0) {
  return z.union([z.number(), z.string()]).transform((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `a duration in ms or as <n>ms|s|m|h|d such as 30s, 10m, 1h (got ${JSON.stringify(value)})` });
      return z.NEVER;
    }
    if (ms < minMs) {
      ctx.addIssue({ code: 'custom', message: `at least ${formatDuration(minMs)} (got ${JSON.stringify(value)})` });
      return z.NEVER;
    }
    return ms;
  });
}
