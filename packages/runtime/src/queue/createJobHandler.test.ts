import type { Job } from '@driftwatch/core';
import { InMemoryLogger } from '@driftwatch/core/testing';
import { describe, expect, it } from 'vitest';
import type { DriftwatchConfig } from '../config/driftwatchConfigSchema.js';
import { createJobHandler } from './createJobHandler.js';
import { monitorRunJob, monitorRunJobRunId } from './monitorRunJob.js';

/** A config with one monitor and one golden-set suite: only the names matter to the dispatch. */
const config = { monitors: [{ name: 'credit' }], evaluations: [{ name: 'golden' }] } as unknown as DriftwatchConfig;

function parts(runIds: 'job' | 'fresh') {
  const calls: { kind: string; name: string; runId?: string }[] = [];
  const handler = createJobHandler({
    config,
    runIds,
    logger: new InMemoryLogger(),
    runner: {
      run: async (monitor, _index, options) => {
        calls.push({ kind: 'monitor', name: monitor.name, ...(options?.runId ? { runId: options.runId } : {}) });
        return { runId: options?.runId ?? 'fresh', status: 'ok' } as never;
      },
    },
    retraining: { runQueuedAttempt: async () => ({ id: 'a', state: 'deployed' }) as never },
    evaluations: {
      run: async (name, options) => {
        calls.push({ kind: 'llm', name, ...(options?.runId ? { runId: options.runId } : {}) });
        return { runId: options?.runId ?? 'fresh' } as never;
      },
    },
  });
  return { handler, calls };
}

const deliver = (request: ReturnType<typeof monitorRunJob>, retry: number): Job => ({
  ...request,
  id: 'job-1',
  retry,
  signal: new AbortController().signal,
});

describe('createJobHandler', () => {
  it('runs a suite named by a monitor-run job through the evaluation service, with the run id its job derives on every retry', async () => {
    const { handler, calls } = parts('job');
    const request = monitorRunJob('golden', new Date('2026-03-01T10:05:00.000Z'), 'schedule');
    await handler(deliver(request, 0));
    await handler(deliver(request, 1));
    const runId = monitorRunJobRunId(request);
    expect(calls).toEqual([
      { kind: 'llm', name: 'golden', runId },
      { kind: 'llm', name: 'golden', runId },
    ]);
    await handler(deliver(monitorRunJob('credit', new Date('2026-03-01T10:05:00.000Z'), 'schedule'), 0));
    expect(calls[2]).toMatchObject({ kind: 'monitor', name: 'credit' });
  });

  it('leaves the run id to the service on the in-process queue, and refuses a name the config does not have', async () => {
    const { handler, calls } = parts('fresh');
    await handler(deliver(monitorRunJob('golden', new Date('2026-03-01T10:05:00.000Z'), 'schedule'), 0));
    expect(calls).toEqual([{ kind: 'llm', name: 'golden' }]);
    await expect(handler(deliver(monitorRunJob('nope', new Date(), 'schedule'), 0))).rejects.toThrow(
      /monitor "nope" is not in this process's config/,
    );
  });
});
