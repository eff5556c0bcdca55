import { z } from 'zod';
import { formatDuration } from './formatDuration.js';
import { durationMessage, parseDuration } from './parseDuration.js';

/**
 * A duration in config or plugin options, parsed to milliseconds by {@link parseDuration} (its
 * TSDoc states the rule: numbers are ms, strings need a unit, zero is allowed). Anything else is
 * one zod issue starting with "expected a duration such as 30s, 10m, 24h or 7d", so the config
 * loader reports it under the field's path. Its input is `number | string`.
 */
export const durationSchema = z.union([z.number(), z.string()], { error: durationMessage }).transform((value, ctx): number => {
  try {
    return parseDuration(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

/** {@link durationSchema} of at least `minMs` (`durationAtLeast(1)`: longer than zero); a shorter one is "at least 1s, got …". */
export function durationAtLeast(minMs: number) {
  return durationSchema.refine((ms) => ms >= minMs, {
    error: (issue) => `at least ${formatDuration(minMs)}, got ${formatDuration(issue.input as number)}`,
  });
}
