import { InMemoryLogger } from '@driftwatch/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MonitorScheduler, type MonitorSchedulerOptions, type ScheduledRunOptions } from './MonitorScheduler.js';

interface Call {
  readonly name: string;
  readonly at: string;
  readonly scheduledAt: string;
  readonly reason: string;
  readonly signal: AbortSignal;
}

/** A runMonitor that records each call and finishes when the test says so (or at once). */
function recorder(autoFinish = true) {
  const calls: Call[] = [];
  const finishers: (() => void)[] = [];
  const runMonitor = (name: string, options: ScheduledRunOptions) => {
    calls.push({
      name,
      at: new Date().toISOString(),
      scheduledAt: options.scheduledAt.toISOString(),
      reason: options.reason,
      signal: options.signal,
    });
    if (autoFinish) return Promise.resolve();
    return new Promise<void>((resolve) => finishers.push(resolve));
  };
  return { calls, finishers, runMonitor };
}

const iso = (s: string) => new Date(s).toISOString();

function scheduler(options: Partial<MonitorSchedulerOptions> & Pick<MonitorSchedulerOptions, 'monitors' | 'runMonitor'>) {
  const logger = new InMemoryLogger();
  const s = new MonitorScheduler({ lastRunAt: async () => new Date(), logger, ...options });
  return { s, logger };
}

describe('MonitorScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-04T10:20:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a cron schedule at each slot and reports the next run', async () => {
    const r = recorder();
    const { s } = scheduler({ monitors: [{ name: 'credit', schedule: '0 * * * *' }], runMonitor: r.runMonitor });
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(r.calls).toEqual([]);
    expect(s.status()).toEqual([{ name: 'credit', nextRunAt: iso('2026-03-04T11:00:00Z'), running: false }]);
    await vi.advanceTimersByTimeAsync(40 * 60_000 - 1);
    expect(r.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.calls.map(({ at, scheduledAt, reason }) => ({ at, scheduledAt, reason }))).toEqual([
      { at: iso('2026-03-04T11:00:00Z'), scheduledAt: iso('2026-03-04T11:00:00Z'), reason: 'schedule' },
    ]);
    await vi.advanceTimersByTimeAsync(2 * 3_600_000);
    expect(r.calls.map((c) => c.at)).toEqual([iso('2026-03-04T11:00:00Z'), iso('2026-03-04T12:00:00Z'), iso('2026-03-04T13:00:00Z')]);
    expect(s.status()[0]).toEqual({
      name: 'credit',
      nextRunAt: iso('2026-03-04T14:00:00Z'),
      running: false,
      lastScheduledAt: iso('2026-03-04T13:00:00Z'),
    });
    await s.stop({ deadlineMs: 1_000 });
  });

  it('runs once on start when the last run is older than the previous slot, then keeps the schedule', async () => {
    const r = recorder();
    const asked: string[] = [];
    const { s, logger } = scheduler({
      monitors: [{ name: 'credit', schedule: '0 * * * *' }],
      runMonitor: r.runMonitor,
      lastRunAt: async (name) => {
        asked.push(name);
        return new Date('2026-03-04T09:00:05Z');
      },
    });
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toEqual(['credit']);
    expect(r.calls.map(({ at, scheduledAt, reason }) => ({ at, scheduledAt, reason }))).toEqual([
      { at: iso('2026-03-04T10:20:00Z'), scheduledAt: iso('2026-03-04T10:00:00Z'), reason: 'missed' },
    ]);
    expect(logger.entries.some((e) => e.msg === 'a scheduled run was missed; running once now')).toBe(true);
    await vi.advanceTimersByTimeAsync(40 * 60_000);
    expect(r.calls.map((c) => `${c.reason}@${c.at}`)).toEqual([
      `missed@${iso('2026-03-04T10:20:00Z')}`,
      `schedule@${iso('2026-03-04T11:00:00Z')}`,
    ]);
    await s.stop({ deadlineMs: 1_000 });
  });

  it('does not run a missed slot when the last run is newer than it, or with missed: skip; runs one that never ran', async () => {
    const r = recorder();
    const last: Record<string, Date | undefined> = { fresh: new Date('2026-03-04T10:00:00Z'), skipper: undefined, never: undefined };
    const { s } = scheduler({
      monitors: [
        { name: 'fresh', schedule: '0 * * * *' },
        { name: 'skipper', schedule: { cron: '0 * * * *', missed: 'skip' } },
        { name: 'never', schedule: { every: '1h' } },
      ],
      runMonitor: r.runMonitor,
      lastRunAt: async (name) => last[name],
    });
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(r.calls.map((c) => `${c.name}:${c.reason}:${c.scheduledAt}`)).toEqual([`never:missed:${iso('2026-03-04T10:00:00Z')}`]);
    await s.stop({ deadlineMs: 1_000 });
  });

  it('waits for the next slot when the last run cannot be read', async () => {
    const r = recorder();
    const { s, logger } = scheduler({
      monitors: [{ name: 'credit', schedule: '0 * * * *' }],
      runMonitor: r.runMonitor,
      lastRunAt: () => Promise.reject(new Error('store down')),
    });
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(r.calls).toEqual([]);
    expect(logger.atLeast('warn').map((e) => e.msg)).toEqual(['could not read the last run; waiting for the next slot']);
    expect(s.status()[0]?.nextRunAt).toBe(iso('2026-03-04T11:00:00Z'));
    await s.stop({ deadlineMs: 1_000 });
  });

  it('delays each run by random() × jitter after its slot', async () => {
    const r = recorder();
    const { s } = scheduler({
      monitors: [{ name: 'credit', schedule: { every: '1h', jitter: '10m' } }],
      runMonitor: r.runMonitor,
      random: () => 0.5,
    });
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.status()[0]?.nextRunAt).toBe(iso('2026-03-04T11:05:00Z'));
    await vi.advanceTimersByTimeAsync(45 * 60_000 - 1);
    expect(r.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.calls.map((c) => [c.at, c.scheduledAt])).toEqual([[iso('2026-03-04T11:05:00Z'), iso('2026-03-04T11:00:00Z')]]);
    expect(s.status()[0]?.nextRunAt).toBe(iso('2026-03-04T12:05:00Z'));
    await s.stop({ deadlineMs: 1_000 });
  });

  it('never runs one monitor twice at once: a slot during a run is skipped, trigger says already-running', async () => {
    const r = recorder(false);
    const { s, logger } = scheduler({
      monitors: [
        { name: 'credit', schedule: '*/10 * * * *' },
        { name: 'churn' }, // no schedule: manual runs only
      ],
      runMonitor: r.runMonitor,
    });
    s.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000); // 10:30
    expect(r.calls.map((c) => c.at)).toEqual([iso('2026-03-04T10:30:00Z')]);
    expect(s.status()[0]?.running).toBe(true);
    expect(s.trigger('credit')).toBe('already-running');
    await vi.advanceTimersByTimeAsync(10 * 60_000); // 10:40 slot comes while 10:30 still runs
    expect(r.calls).toHaveLength(1);
    expect(logger.atLeast('warn').map((e) => [e.msg, e.fields.slot])).toEqual([
      ['skipped a scheduled run: the previous run is still running', iso('2026-03-04T10:40:00Z')],
    ]);
    expect(s.trigger('churn')).toBe('started');
    expect(s.trigger('churn')).toBe('already-running');
    r.finishers[0]?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.status().map((m) => m.running)).toEqual([false, true]);
    expect(s.trigger('credit')).toBe('started');
    await vi.advanceTimersByTimeAsync(0);
    expect(r.calls.map((c) => `${c.name}:${c.reason}`)).toEqual(['credit:schedule', 'churn:manual', 'credit:manual']);
    expect(s.status()[1]).toEqual({ name: 'churn', running: true, lastScheduledAt: iso('2026-03-04T10:40:00Z') });
    for (const finish of r.finishers) finish();
    await s.stop({ deadlineMs: 1_000 });
  });

  it('logs a failed run and keeps scheduling; a runMonitor that throws at once does not wedge the guard', async () => {
    let n = 0;
    const { s, logger } = scheduler({
      monitors: [{ name: 'credit', schedule: { every: '1h' } }],
      runMonitor: (): Promise<void> => {
        n++;
        if (n === 1) throw new Error('boom');
        return Promise.reject(new Error('later boom'));
      },
    });
    s.start();
    await vi.advanceTimersByTimeAsync(3 * 3_600_000);
    expect(n).toBe(3);
    const errors = logger.atLeast('error');
    expect(errors.map((e) => [e.msg, (e.fields.err as Error).message])).toEqual([
      ['the run failed', 'boom'],
      ['the run failed', 'later boom'],
      ['the run failed', 'later boom'],
    ]);
    expect(s.trigger('credit')).toBe('started');
    await s.stop({ deadlineMs: 1_000 });
  });

  it('stop waits for a run that finishes before the deadline, and takes no more work', async () => {
    const r = recorder(false);
    const { s } = scheduler({ monitors: [{ name: 'credit', schedule: '0 * * * *' }], runMonitor: r.runMonitor });
    s.start();
    await vi.advanceTimersByTimeAsync(40 * 60_000);
    expect(r.calls).toHaveLength(1);
    let stopped = false;
    const stopping = s.stop({ deadlineMs: 30_000 }).then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(stopped).toBe(false);
    r.finishers[0]?.();
    await vi.advanceTimersByTimeAsync(0);
    await stopping;
    expect(stopped).toBe(true);
    expect(r.calls[0]?.signal.aborted).toBe(false);
    expect(s.status()).toEqual([{ name: 'credit', running: false, lastScheduledAt: iso('2026-03-04T11:00:00Z') }]);
    expect(() => s.trigger('credit')).toThrow(/the scheduler is stopped/);
    await vi.advanceTimersByTimeAsync(5 * 3_600_000);
    expect(r.calls).toHaveLength(1);
  });

  it('stop aborts runs still running at the deadline, and waits for them to settle', async () => {
    const { s, logger } = scheduler({
      monitors: [{ name: 'credit' }],
      runMonitor: (_name, { signal }) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => setTimeout(() => reject(signal.reason), 200))),
    });
    s.start();
    expect(s.trigger('credit')).toBe('started');
    await vi.advanceTimersByTimeAsync(0);
    const t0 = Date.now();
    let stoppedAfter = -1;
    const stopping = s.stop({ deadlineMs: 10_000 }).then(() => {
      stoppedAfter = Date.now() - t0;
    });
    await vi.advanceTimersByTimeAsync(9_999);
    expect(stoppedAfter).toBe(-1);
    await vi.advanceTimersByTimeAsync(1_000);
    await stopping;
    expect(stoppedAfter).toBe(10_200);
    expect(logger.atLeast('warn').map((e) => e.msg)).toEqual(['runs still running at the stop deadline; aborting them', 'the run failed']);
    expect(s.status()[0]?.running).toBe(false);
  });

  it('stop with abortRunning: false leaves a late run running', async () => {
    const r = recorder(false);
    const { s } = scheduler({ monitors: [{ name: 'credit' }], runMonitor: r.runMonitor });
    s.start();
    s.trigger('credit');
    await vi.advanceTimersByTimeAsync(0);
    const stopping = s.stop({ deadlineMs: 1_000, abortRunning: false });
    await vi.advanceTimersByTimeAsync(1_000);
    await stopping;
    expect(r.calls[0]?.signal.aborted).toBe(false);
    expect(s.status()[0]?.running).toBe(true);
    r.finishers[0]?.();
  });

  it('refuses an unknown monitor, a duplicate name, a bad schedule and a second start', () => {
    const r = recorder();
    const { s } = scheduler({ monitors: [{ name: 'credit', schedule: '0 * * * *' }], runMonitor: r.runMonitor });
    expect(() => s.trigger('churn')).toThrow('unknown monitor "churn" (known: credit)');
    s.start();
    expect(() => s.start()).toThrow('the scheduler is already started');
    expect(() => scheduler({ monitors: [{ name: 'a' }, { name: 'a' }], runMonitor: r.runMonitor })).toThrow(/scheduled twice/);
    expect(() => scheduler({ monitors: [{ name: 'a', schedule: 'nope' }], runMonitor: r.runMonitor })).toThrow(/invalid cron expression/);
  });
});
