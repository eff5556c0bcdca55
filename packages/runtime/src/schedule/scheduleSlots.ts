import { Cron } from 'croner';
import type { MonitorSchedule } from './monitorScheduleSchema.js';

/** The slots of a schedule: when runs are due, as epoch milliseconds. */
export interface ScheduleSlots {
  /** The last slot at or before `at`, if any. */
  previous(at: number): number | undefined;
  /** The first slot strictly after `after`, if any. */
  next(after: number): number | undefined;
}

/**
 * The slots of a parsed {@link MonitorSchedule}: croner's for `cron` (in the schedule's time zone),
 * whole multiples of the interval since the Unix epoch for `every`, so a restart keeps the slots.
 */
export function scheduleSlots(schedule: MonitorSchedule): ScheduleSlots {
  if (schedule.every !== undefined) {
    const every = schedule.every;
    return {
      previous: (at) => Math.floor(at / every) * every,
      next: (after) => (Math.floor(after / every) + 1) * every,
    };
  }
  const cron = new Cron(schedule.cron as string, { paused: true, timezone: schedule.timezone, mode: '5-or-6-parts' });
  return {
    // croner's previousRuns includes a slot earlier in the same second as the reference, so `at` itself counts.
    previous: (at) => cron.previousRuns(1, new Date(at + 1))[0]?.getTime(),
    next: (after) => cron.nextRun(new Date(after))?.getTime(),
  };
}
