import { durationAtLeast, durationSchema } from '@driftwatch/core';
import { Cron } from 'croner';
import { z } from 'zod';

/** Why a cron expression cannot be used, or undefined when croner accepts it in `timezone`. */
function cronProblem(expression: string, timezone: string): string | undefined {
  try {
    const cron = new Cron(expression, { paused: true, timezone, mode: '5-or-6-parts' });
    if (cron.nextRun(new Date(0)) === null) return `cron expression "${expression}" never fires`;
    return undefined;
  } catch (error) {
    return `invalid cron expression "${expression}": ${(error as Error).message.replace(/^CronPattern: /, '')}`;
  }
}

/** True when `zone` is an IANA time zone this runtime knows (`Europe/Berlin`, `UTC`). */
function knownTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What the scheduler does on start when the monitor's last run is older than its previous slot. */
export const missedRunPolicies = ['run-once', 'skip'] as const;

const scheduleObjectSchema = z.strictObject({
  /** A cron expression of 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first), read in `timezone`. */
  cron: z.string().min(1).optional(),
  /** A fixed interval instead of `cron`, at least 1s: slots at whole multiples of it since 1970-01-01T00:00Z (`1h`: on the hour). */
  every: durationAtLeast(1_000).optional(),
  /** Each run starts a random delay in [0, jitter) after its slot, so many monitors on one slot do not start at once. Default 0. */
  jitter: durationSchema.default(0),
  /**
   * On start, when the last recorded run is older than the previous slot (or there is none):
   * `run-once` (default) runs once at once, with reason `missed`; `skip` waits for the next slot.
   */
  missed: z.enum(missedRunPolicies).default('run-once'),
  /** IANA time zone the cron expression is read in. Default `UTC`. */
  timezone: z
    .string()
    .refine(knownTimezone, {
      error: (issue) => `unknown time zone ${JSON.stringify(issue.input)} (an IANA name such as Europe/Berlin or UTC)`,
    })
    .default('UTC'),
});

/**
 * A monitor's `schedule:` — a cron expression (`"0 * * * *"`, read in UTC) or an object with
 * exactly one of `cron` and `every`, and the jitter, missed-run policy and time zone. Validated
 * here (a bad expression is one issue at `monitors[i].schedule`, or `.cron`), parsed into a
 * {@link MonitorSchedule}. Parsing a parsed schedule again gives the same schedule.
 */
export const monitorScheduleSchema = z
  .union([z.string().min(1, 'a cron expression such as "0 * * * *" is required'), scheduleObjectSchema])
  .transform((value, ctx): MonitorSchedule => {
    const schedule: MonitorSchedule =
      typeof value === 'string' ? { cron: value.trim(), jitter: 0, missed: 'run-once', timezone: 'UTC' } : { ...value };
    if (typeof value !== 'string' && (value.cron === undefined) === (value.every === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of cron or every' });
      return z.NEVER;
    }
    if (schedule.cron !== undefined) {
      const problem = cronProblem(schedule.cron, schedule.timezone);
      if (problem !== undefined) {
        ctx.addIssue({ code: 'custom', message: problem, path: typeof value === 'string' ? [] : ['cron'] });
        return z.NEVER;
      }
    }
    return schedule;
  });

/** A parsed monitor schedule: exactly one of `cron` and `every` (ms), jitter in ms. */
export interface MonitorSchedule {
  /** Cron expression, read in `timezone`. */
  readonly cron?: string;
  /** Interval in milliseconds; slots at its multiples since the Unix epoch. */
  readonly every?: number;
  /** Upper bound (exclusive) of the random delay after each slot, ms. */
  readonly jitter: number;
  /** What start does when a slot was missed. */
  readonly missed: (typeof missedRunPolicies)[number];
  /** IANA time zone of `cron`. */
  readonly timezone: string;
}

/** A schedule as written in config: a cron string, or the object form with durations as `1h` or ms. */
export type MonitorScheduleInput = z.input<typeof monitorScheduleSchema>;
