import type { Job } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { InProcessJobQueue } from './InProcessJobQueue.js';
import { monitorRunJob, monitorRunJobRunId } from './monitorRunJob.js';

describe('InProcessJobQueue', () => {
  it('runs a job in the enqueuing call and resolves with its result', async () => {
    const queue = new InProcessJobQueue();
    const seen: Job[] = [];
    await queue.work(async (job) => {
      seen.push(job);
      return `ran ${job.key}`;
    });
    const out = await queue.enqueue({ kind: 'k', key: 'a', payload: { x: 1 } });
    expect(out).toMatchObject({ enqueued: true, result: 'ran a' });
    expect(seen).toMatchObject([{ kind: 'k', key: 'a', payload: { x: 1 }, retry: 0, id: out.id }]);
    expect(queue.shared).toBe(false);
  });

  it('does not run a key that is running; rejects with the handler; refuses without a handler or once stopped', async () => {
    const queue = new InProcessJobQueue();
    await expect(queue.enqueue({ kind: 'k', key: 'a', payload: {} })).rejects.toThrow(/no handler/);
    let release!: () => void;
    await queue.work(async (job) => {
      if (job.key === 'bad') throw new Error('boom');
      await new Promise<void>((r) => (release = r));
    });
    const first = queue.enqueue({ kind: 'k', key: 'a', payload: {} });
    await new Promise((r) => setTimeout(r, 0));
    const second = await queue.enqueue({ kind: 'k', key: 'a', payload: {} });
    expect(second.enqueued).toBe(false);
    release();
    expect((await first).id).toBe(second.id);
    await expect(queue.enqueue({ kind: 'k', key: 'bad', payload: {} })).rejects.toThrow('boom');
    await queue.stop({ deadlineMs: 10 });
    await expect(queue.enqueue({ kind: 'k', key: 'b', payload: {} })).rejects.toThrow(/stopped/);
  });

  it('passes the caller’s abort to the job, and stop aborts jobs past its deadline', async () => {
    const queue = new InProcessJobQueue();
    await queue.work(
      (job) =>
        new Promise((_, reject) => {
          job.signal.addEventListener('abort', () => reject(job.signal.reason));
        }),
    );
    const controller = new AbortController();
    const byCaller = queue.enqueue({ kind: 'k', key: 'a', payload: {} }, { signal: controller.signal });
    controller.abort(new Error('caller gave up'));
    await expect(byCaller).rejects.toThrow('caller gave up');
    const running = queue.enqueue({ kind: 'k', key: 'b', payload: {} });
    await queue.stop({ deadlineMs: 20 });
    await expect(running).rejects.toThrow(/the job queue stopped/);
  });
});

describe('monitorRunJob', () => {
  it('keys a scheduled or missed run by monitor and slot (one job per slot) and a manual run by its request', () => {
    const slot = new Date('2026-03-01T10:05:00.000Z');
    expect(monitorRunJob('credit', slot, 'schedule').key).toBe('monitor-run:credit:2026-03-01T10:05:00.000Z');
    expect(monitorRunJob('credit', slot, 'missed').key).toBe(monitorRunJob('credit', slot, 'schedule').key);
    expect(monitorRunJob('credit', slot, 'manual').key).not.toBe(monitorRunJob('credit', slot, 'manual').key);
  });

  it('derives one run id per job, the same on every retry', () => {
    const job = monitorRunJob('credit', new Date('2026-03-01T10:05:00.000Z'), 'schedule');
    const id = monitorRunJobRunId(job);
    expect(id).toMatch(/^20260301T100500000Z-credit-[0-9a-f]{6}$/);
    expect(monitorRunJobRunId({ ...job })).toBe(id);
    expect(monitorRunJobRunId(monitorRunJob('credit', new Date('2026-03-01T10:10:00.000Z'), 'schedule'))).not.toBe(id);
  });
});
