import { z } from 'zod';
import { durationMessage, parseDuration } from './parseDuration.js';

/**
 * A duration in config: a non-negative number of milliseconds, or a string `<n><unit>` with
 * unit `ms`, `s`, `m`, `h`, `d` or `w` (`90s`, `1.5h`, `7d`). Parsed to milliseconds.
 */
export const durationSchema = z
  .custom<number | string>((value) => typeof value === 'number' || typeof value === 'string', { message: durationMessage })
  .transform((value, ctx): number => {
    if (typeof value === 'number') {
      if (Number.isFinite(value) && value >= 0) return value;
      ctx.addIssue({ code: 'custom', message: `${durationMessage}, got ${value}` });
      return z.NEVER;
    }
    try {
      return parseDuration(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });
