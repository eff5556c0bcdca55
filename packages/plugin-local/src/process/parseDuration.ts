const units: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const pattern = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/;

/**
 * Reads a duration: a number of milliseconds, or a number with a unit
 * (`500ms`, `30s`, `10m`, `1h`, `2d`). Returns milliseconds, or `undefined`
 * when the value is not a positive duration.
 */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  const match = pattern.exec(value);
  if (!match) return /^\s*\d+\s*$/.test(value) && Number(value) > 0 ? Number(value) : undefined;
  const ms = Math.round(Number(match[1]) * units[match[2]]);
  return ms > 0 ? ms : undefined;
}

/** Milliseconds in the largest unit that divides them (`30s`, `10m`, `1500ms`), for messages. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) if (ms >= units[unit] && ms % units[unit] === 0) return `${ms / units[unit]}${unit}`;
  return `${ms}ms`;
}
