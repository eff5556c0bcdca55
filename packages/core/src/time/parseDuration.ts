import { UsageError } from '../errors/DriftwatchError.js';

/** Milliseconds per duration unit: `ms`, `s`, `m` (minutes), `h`, `d`, `w` (7 days). */
export const msPerDurationUnit: Readonly<Record<string, number>> = Object.freeze({
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
});

/** The start of every message about a malformed duration. */
export const durationMessage = 'expected a duration such as 30s, 10m, 24h or 7d';

const pattern = /^(\d+(?:\.\d*)?|\.\d+)\s*(ms|s|m|h|d|w)$/;

/**
 * Milliseconds of a duration, as config files and flags write them. The one rule of the project:
 *
 * - A number is milliseconds (`1500`); it must be finite and not negative.
 * - A string is a number and a unit: `ms`, `s`, `m`, `h`, `d` or `w` (a week, 7 days), with
 *   optional spaces around and between (`250ms`, `90s`, `1.5h`, `.5d`, `2w`). Units are lower case
 *   (`M` could be months).
 * - A string without a unit (`"30"`, as `${VAR}` substitution yields) is rejected: 30 what? Seconds
 *   and minutes are both common; write `30s`, or a YAML number for milliseconds.
 * - Zero (`0`, `"0s"`) is a duration: "none" (no cooldown). A field that needs a positive length
 *   says so with `durationAtLeast`.
 *
 * The result is rounded to a whole millisecond and at most `Number.MAX_SAFE_INTEGER`.
 *
 * @throws UsageError naming the value, starting with {@link durationMessage}.
 */
export function parseDuration(value: number | string): number {
  let ms: number;
  if (typeof value === 'number') ms = value < 0 ? Number.NaN : Math.round(value);
  else {
    const match = pattern.exec(value.trim());
    if (!match) throw new UsageError(`${durationMessage}, got ${JSON.stringify(value)}${unitHint(value)}`);
    ms = Math.round(Number(match[1]) * (msPerDurationUnit[match[2] as string] as number));
  }
  if (!(ms >= 0 && ms <= Number.MAX_SAFE_INTEGER))
    throw new UsageError(`${durationMessage}, got ${typeof value === 'number' ? value : JSON.stringify(value)}`);
  return ms;
}

function unitHint(value: string): string {
  const bare = value.trim();
  return /^(\d+(\.\d*)?|\.\d+)$/.test(bare) ? ` (a unit is needed: ${bare}s, ${bare}m, … or ${bare}ms)` : '';
}
