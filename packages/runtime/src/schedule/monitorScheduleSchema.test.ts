import { describe, expect, it } from 'vitest';
import { zodIssues } from '../config/zodIssues.js';
import { monitorScheduleSchema } from './monitorScheduleSchema.js';
import { scheduleSlots } from './scheduleSlots.js';

const issues = (input: unknown) => {
  const result = monitorScheduleSchema.safeParse(input);
  expect(result.success).toBe(false);
  // As the config loader reports them (it picks the union branch that got furthest).
  return result.error ? zodIssues(result.error, monitorScheduleSchema) : [];
};

describe('monitorScheduleSchema', () => {
  it('reads a cron string as a UTC cron schedule without jitter that runs a missed slot once', () => {
    expect(monitorScheduleSchema.parse('0 * * * *')).toEqual({ cron: '0 * * * *', jitter: 0, missed: 'run-once', timezone: 'UTC' });
  });

  it('reads the object form with durations, and parses its own output to the same schedule', () => {
    const parsed = monitorScheduleSchema.parse({ every: '15m', jitter: '30s', missed: 'skip' });
    expect(parsed).toEqual({ every: 900_000, jitter: 30_000, missed: 'skip', timezone: 'UTC' });
    expect(monitorScheduleSchema.parse(parsed)).toEqual(parsed);
    expect(monitorScheduleSchema.parse({ cron: '30 9 * * 1-5', timezone: 'Europe/Berlin' })).toMatchObject({
      cron: '30 9 * * 1-5',
      timezone: 'Europe/Berlin',
    });
  });

  it('names the problem of a bad cron expression, at the string or at cron', () => {
    const [atString] = issues('61 * * * *');
    expect(atString?.path).toBe('');
    expect(atString?.message).toMatch(/^invalid cron expression "61 \* \* \* \*": /);
    const [atCron] = issues({ cron: 'every hour' });
    expect(atCron?.path).toBe('cron');
    expect(atCron?.message).toMatch(/^invalid cron expression "every hour"/);
    expect(issues({ cron: '0 0 30 2 *' })[0]?.message).toBe('cron expression "0 0 30 2 *" never fires');
  });

  it('refuses both or neither of cron and every, a short interval, an unknown zone and unknown keys', () => {
    expect(issues({ cron: '0 * * * *', every: '1h' })).toEqual([{ path: '', message: 'give exactly one of cron or every' }]);
    expect(issues({ jitter: '1m' })).toEqual([{ path: '', message: 'give exactly one of cron or every' }]);
    expect(issues({ every: '500ms' })[0]).toMatchObject({ path: 'every', message: expect.stringMatching(/^at least 1s/) });
    expect(issues({ every: '1h', timezone: 'Mars/Olympus' })[0]).toMatchObject({
      path: 'timezone',
      message: expect.stringMatching(/^unknown time zone "Mars\/Olympus"/),
    });
    expect(issues({ every: '1h', missed: 'all' })[0]?.path).toBe('missed');
    expect(issues({ every: '1h', evry: 1 }).some((i) => /evry/.test(i.message))).toBe(true);
  });
});

describe('scheduleSlots', () => {
  const at = (iso: string) => Date.parse(iso);

  it('gives the previous slot (inclusive) and the next (exclusive) of a cron expression', () => {
    const slots = scheduleSlots(monitorScheduleSchema.parse('0 */6 * * *'));
    expect(slots.previous(at('2026-03-04T13:20:00Z'))).toBe(at('2026-03-04T12:00:00Z'));
    expect(slots.previous(at('2026-03-04T12:00:00Z'))).toBe(at('2026-03-04T12:00:00Z'));
    expect(slots.next(at('2026-03-04T12:00:00Z'))).toBe(at('2026-03-04T18:00:00Z'));
    expect(slots.next(at('2026-03-04T23:59:59.999Z'))).toBe(at('2026-03-05T00:00:00Z'));
  });

  it('reads the cron expression in its time zone, across a DST change', () => {
    const slots = scheduleSlots(monitorScheduleSchema.parse({ cron: '0 9 * * *', timezone: 'Europe/Berlin' }));
    expect(slots.next(at('2026-03-27T12:00:00Z'))).toBe(at('2026-03-28T08:00:00Z')); // CET, UTC+1
    expect(slots.next(at('2026-03-28T12:00:00Z'))).toBe(at('2026-03-29T07:00:00Z')); // CEST from 29 March
  });

  it('puts the slots of an interval at its multiples since the epoch', () => {
    const slots = scheduleSlots(monitorScheduleSchema.parse({ every: '15m' }));
    expect(slots.previous(at('2026-03-04T13:20:00Z'))).toBe(at('2026-03-04T13:15:00Z'));
    expect(slots.next(at('2026-03-04T13:20:00Z'))).toBe(at('2026-03-04T13:30:00Z'));
    expect(slots.next(at('2026-03-04T13:30:00Z'))).toBe(at('2026-03-04T13:45:00Z'));
  });
});
