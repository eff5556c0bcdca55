import { randomBytes } from 'node:crypto';
import type { Job, Logger } from '@driftwatch/core';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { jobIdFor } from './jobIdFor.js';
import { PostgresJobQueue, type PostgresJobQueueOptions } from './PostgresJobQueue.js';

// The queue on the machine's PostgreSQL (DRIFTWATCH_TEST_DATABASE_URL, else 127.0.0.1:5432/test), in a
// schema of this file's own, dropped after. Several queues in one process stand for several processes:
// each has its own pool, as a replica or worker would.

const url = process.env.DRIFTWATCH_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `dw_queue_test_${randomBytes(6).toString('hex')}`;
const silent: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {}, child: () => silent } as unknown as Logger;
const queues: PostgresJobQueue[] = [];

function queue(options: Partial<PostgresJobQueueOptions> = {}): PostgresJobQueue {
  const q = new PostgresJobQueue({
    url,
    schema,
    expireAfterMs: 60_000,
    retries: 2,
    retryDelayMs: 0,
    pollIntervalMs: 500,
    maintenanceIntervalMs: 1_000,
    maxConnections: 4,
    logger: silent,
    ...options,
  });
  queues.push(q);
  return q;
}

async function sql<T>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

const until = async <T>(check: () => T | undefined, ms: number): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

afterAll(async () => {
  await Promise.all(queues.map((q) => q.stop({ deadlineMs: 0 })));
  await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

describe('jobIdFor', () => {
  it('is a version-5-shaped UUID, the same for a key, different across keys', () => {
    expect(jobIdFor('monitor-run:a:2026-01-01T00:00:00.000Z')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(jobIdFor('k')).toBe(jobIdFor('k'));
    expect(jobIdFor('k')).not.toBe(jobIdFor('k2'));
  });
});

describe('PostgresJobQueue', () => {
  it('starts from several processes at once, and one key enqueued by all is one job run once', async () => {
    const [a, b, c] = [queue(), queue(), queue()];
    await Promise.all([a.start(), b.start(), c.start()]);
    const request = { kind: 'monitor-run', key: 'monitor-run:m:2026-01-01T00:00:05.000Z', payload: { monitor: 'm' } };
    const results = await Promise.all([a.enqueue(request), b.enqueue(request), c.enqueue(request), a.enqueue(request)]);
    expect(new Set(results.map((r) => r.id))).toEqual(new Set([jobIdFor(request.key)]));
    expect(results.filter((r) => r.enqueued)).toHaveLength(1);

    const ran: Job[] = [];
    await b.work(async (job) => ran.push(job), { concurrency: 2 });
    await c.work(async (job) => ran.push(job), { concurrency: 2 });
    await until(() => (ran.length > 0 ? true : undefined), 20_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatchObject({ id: jobIdFor(request.key), kind: 'monitor-run', key: request.key, payload: { monitor: 'm' }, retry: 0 });
    const [row] = await sql<{ state: string }>(`SELECT state FROM ${schema}.job WHERE id = '${jobIdFor(request.key)}'`);
    expect(row?.state).toBe('completed');
    // Completed, its id still holds the key: a replica that fires the slot late adds nothing.
    expect((await a.enqueue(request)).enqueued).toBe(false);
    await Promise.all([b.stop({ deadlineMs: 1_000 }), c.stop({ deadlineMs: 1_000 })]);
  });

  it('five processes starting at once on a new schema all start (PostgreSQL may break a deadlock between their queue creations)', async () => {
    // Before the retry in start(), 6 of 60 such starts failed with "deadlock detected" here.
    for (let round = 0; round < 6; round++) {
      const fresh = `${schema}_race${round}`;
      const racers = Array.from({ length: 5 }, () => queue({ schema: fresh }));
      try {
        const started = await Promise.allSettled(racers.map((q) => q.start()));
        expect(started.filter((s) => s.status === 'rejected')).toEqual([]);
      } finally {
        await Promise.all(racers.map((q) => q.stop({ deadlineMs: 0 })));
        await sql(`DROP SCHEMA IF EXISTS ${fresh} CASCADE`);
      }
    }
  }, 60_000);

  it('retries a failed job with the same id and a higher retry count', async () => {
    const q = queue({ schema });
    const key = `fails-once-${randomBytes(3).toString('hex')}`;
    const seen: Job[] = [];
    await q.work(
      async (job) => {
        if (job.key !== key) return;
        seen.push(job);
        if (seen.length === 1) throw new Error('first delivery fails');
      },
      { concurrency: 1 },
    );
    await q.enqueue({ kind: 'test', key, payload: {} });
    await until(() => (seen.length >= 2 ? true : undefined), 20_000);
    expect(seen.map((j) => [j.id, j.retry])).toEqual([
      [jobIdFor(key), 0],
      [jobIdFor(key), 1],
    ]);
    await q.stop({ deadlineMs: 1_000 });
  });

  it('hands a job whose worker stopped answering to another worker after its expiry, aborting the first', async () => {
    const key = `hangs-${randomBytes(3).toString('hex')}`;
    const first = queue({ expireAfterMs: 3_000 });
    const second = queue({ expireAfterMs: 3_000 });
    const deliveries: { queue: string; job: Job; at: number }[] = [];
    let firstAborted = false;
    let handedOn: () => void = () => {};
    const secondHasIt = new Promise<void>((resolve) => (handedOn = resolve));
    // Stopped whatever happens: a worker left running would take the next test's jobs.
    try {
      await first.work(
        (job) => {
          if (job.key !== key) return Promise.resolve();
          deliveries.push({ queue: 'first', job, at: Date.now() });
          // Hangs (a worker that stopped making progress, as a killed one does): its expiry aborts it, and it
          // stays busy until the job has been handed on. Were it free at once, its own next fetch could take
          // the retried job back: it did in two of four runs here, and in one kept it until the retries ran out.
          return new Promise((_, reject) =>
            job.signal.addEventListener('abort', () => {
              firstAborted = true;
              void secondHasIt.then(() => setTimeout(() => reject(job.signal.reason), 500));
            }),
          );
        },
        { concurrency: 1 },
      );
      await first.enqueue({ kind: 'test', key, payload: {} });
      await until(() => (deliveries.length === 1 ? true : undefined), 20_000);
      await second.work(
        async (job) => {
          if (job.key !== key) return;
          deliveries.push({ queue: 'second', job, at: Date.now() });
          handedOn();
        },
        { concurrency: 1 },
      );
      // The first worker stops taking jobs (its loop is busy with the hung one); the expiry hands the job on.
      await until(() => (deliveries.some((d) => d.queue === 'second') ? true : undefined), 30_000);
      expect(firstAborted).toBe(true);
      const retried = deliveries.find((d) => d.queue === 'second')!;
      expect(retried.job.id).toBe(jobIdFor(key));
      expect(retried.job.retry).toBeGreaterThanOrEqual(1);
      expect(retried.at - deliveries[0]!.at).toBeGreaterThanOrEqual(2_500);
    } finally {
      await Promise.all([first.stop({ deadlineMs: 1_000 }), second.stop({ deadlineMs: 1_000 })]);
    }
  });

  it('on stop waits for running jobs, aborts those past the deadline and hands them back', async () => {
    const key = `slow-${randomBytes(3).toString('hex')}`;
    const stopping = queue();
    let aborted: unknown;
    let started = false;
    await stopping.work(
      (job) =>
        job.key !== key
          ? Promise.resolve()
          : new Promise((_, reject) => {
              started = true;
              job.signal.addEventListener('abort', () => {
                aborted = job.signal.reason;
                reject(job.signal.reason);
              });
            }),
      { concurrency: 1 },
    );
    await stopping.enqueue({ kind: 'test', key, payload: {} });
    await until(() => (started ? true : undefined), 20_000);
    await stopping.stop({ deadlineMs: 300 });
    expect(String((aborted as Error)?.message)).toMatch(/the worker is stopping/);
    const [row] = await sql<{ state: string; retry_count: number }>(
      `SELECT state, retry_count FROM ${schema}.job WHERE id = '${jobIdFor(key)}'`,
    );
    expect(row?.state).toBe('retry');
    await expect(stopping.enqueue({ kind: 'test', key: 'after-stop', payload: {} })).rejects.toThrow(/stopped/);
  });
});
