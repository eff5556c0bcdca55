import type { GateDecision, RetrainingAttempt } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { decision, hangFirstCall, harness, MODEL, path, START } from './__fixtures__/orchestratorHarness.js';

const TTL = 600_000;

/** An attempt record as a dead process left it. */
function leftBehind(state: RetrainingAttempt['state'], extra: Partial<RetrainingAttempt> = {}): RetrainingAttempt {
  const at = new Date(START - 60_000).toISOString();
  return {
    schemaVersion: 1,
    id: `20260311T095900Z-${MODEL}-abc123`,
    key: `${MODEL}-r0`,
    monitor: 'churn-monitor',
    model: MODEL,
    state,
    trigger: { kinds: ['manual'], reasons: ['asked for'] },
    createdAt: at,
    updatedAt: at,
    transitions: [{ from: null, to: 'triggered', at, reason: 'asked for' }],
    ...extra,
  };
}

function gate(passed: boolean): GateDecision {
  return {
    passed,
    reasons: [passed ? 'accuracy gain 0.2 >= minGain 0.01' : 'accuracy gain -0.2 < minGain 0.01'],
    metric: 'accuracy',
    higherIsBetter: true,
    champion: 0.7,
    challenger: passed ? 0.9 : 0.5,
    gain: passed ? 0.2 : -0.2,
    minGain: 0.01,
    floors: [],
  };
}

describe('RetrainingOrchestrator: crashes and resume', () => {
  it('finishes an attempt whose process died while deploying, without training again', async () => {
    const h = await harness();
    const reached = hangFirstCall(h.deployer, 'deploy');
    void h.orchestrator({ owner: 'dead', lockTtlMs: TTL }).start(decision());
    await reached;
    const [stuck] = await h.store.listAttempts({ model: MODEL });
    expect(stuck.state).toBe('deploying');

    const survivor = h.orchestrator({ owner: 'survivor', lockTtlMs: TTL });
    await expect(survivor.resumePending()).rejects.toMatchObject({ code: 'STATE_CONFLICT' });
    h.clock.ms += TTL + 1;
    const [resumed] = await survivor.resumePending();

    expect(resumed.id).toBe(stuck.id);
    expect(resumed.state).toBe('deployed');
    expect(path(resumed)).toEqual(['triggered', 'collecting', 'training', 'registering', 'evaluating', 'gated', 'deploying', 'deployed']);
    expect(h.trainer.starts).toHaveLength(1);
    expect((await h.registry.champion(MODEL))?.version).toBe('2');
    expect(await h.store.listAttempts({ model: MODEL })).toHaveLength(1);
  });

  it('polls the persisted job after a crash mid-training, keeping the original deadline', async () => {
    const h = await harness({ outcomes: { 'churn-r1': { outcome: 'never' } } });
    const reached = hangFirstCall(h.trainer, 'status');
    void h.orchestrator({ owner: 'dead', lockTtlMs: TTL }).start(decision());
    await reached;
    const [stuck] = await h.store.listAttempts({ model: MODEL });
    expect(stuck.state).toBe('training');
    expect(stuck.training?.jobId).toBe('job-1');

    h.clock.ms += 50 * 60_000;
    const [resumed] = await h.orchestrator({ owner: 'survivor', lockTtlMs: TTL }).resumePending();

    expect(resumed.state).toBe('failed');
    expect(resumed.error?.message).toBe('training timed out after 1h');
    expect(h.clock.sleeps.reduce((a, b) => a + b, 0)).toBe(10 * 60_000);
    expect(h.trainer.starts).toHaveLength(1);
    expect(h.trainer.cancels).toEqual(['job-1']);
  });

  it('submits the job again with the same key when the process died before saving its id', async () => {
    const h = await harness();
    const reached = hangFirstCall(h.trainer, 'submit');
    void h.orchestrator({ owner: 'dead', lockTtlMs: TTL }).start(decision());
    await reached;
    expect((await h.store.listAttempts({ model: MODEL }))[0].training).toBeUndefined();

    h.clock.ms += TTL + 1;
    const [resumed] = await h.orchestrator({ owner: 'survivor' }).resumePending();
    expect(resumed.state).toBe('deployed');
    expect(h.trainer.starts.map((s) => s.key)).toEqual(['churn-r1']);
    expect(h.trainer.jobs.size).toBe(1);
  });

  it('fails a training attempt whose job the trainer no longer knows', async () => {
    const h = await harness();
    const stuck = leftBehind('training', {
      data: { trainUri: '/gone/train.csv', trainRows: 60, holdoutUri: '/gone/holdout.csv', holdoutRows: 10, newLabelledRows: 40 },
      training: { provider: 'scripted', jobId: 'job-41', startedAt: new Date(START - 60_000).toISOString() },
    });
    await h.store.saveAttempt(stuck);
    const [resumed] = await h.orchestrator().resumePending();

    expect(resumed.state).toBe('failed');
    expect(resumed.error?.message).toBe('training job job-41 failed: unknown job job-41');
    expect(h.trainer.starts).toEqual([]);
    expect((await h.registry.champion(MODEL))?.version).toBe('1');
  });

  it('acts on the decision recorded in a gated attempt', async () => {
    const passed = await harness();
    await passed.registry.register({ model: MODEL, artifactUri: 'memory://artifacts/churn-2', metadata: {}, key: `${MODEL}-r0` });
    await passed.store.saveAttempt(leftBehind('gated', { challenger: '2', champion: '1', gate: gate(true) }));
    const [deployed] = await passed.orchestrator().resumePending();
    expect(deployed.state).toBe('deployed');
    expect(deployed.deployment?.previous).toBe('1');
    expect(passed.deployer.calls).toEqual([{ operation: 'deploy', model: MODEL, version: '2', previous: '1' }]);
    expect((await passed.registry.champion(MODEL))?.version).toBe('2');
    expect(passed.evaluator.calls).toEqual([]);

    const failed = await harness();
    await failed.registry.register({ model: MODEL, artifactUri: 'memory://artifacts/churn-2', metadata: {} });
    await failed.store.saveAttempt(leftBehind('gated', { challenger: '2', champion: '1', gate: gate(false) }));
    const [rejected] = await failed.orchestrator().resumePending();
    expect(rejected.state).toBe('rejected');
    expect((await failed.registry.get(MODEL, '2'))?.status).toBe('rejected');
    expect((await failed.registry.champion(MODEL))?.version).toBe('1');
    expect(failed.deployer.calls).toEqual([]);
  });

  it('deploys again after a crash between promoting and saving (the redeploy is a no-op)', async () => {
    const h = await harness();
    await h.registry.register({ model: MODEL, artifactUri: 'memory://artifacts/churn-2', metadata: {} });
    await h.registry.setStatus(MODEL, '2', 'champion', 'deployed before the crash');
    h.deployer.serving = '2';
    await h.store.saveAttempt(leftBehind('deploying', { challenger: '2', champion: '1', gate: gate(true) }));
    const [resumed] = await h.orchestrator().resumePending();

    expect(resumed.state).toBe('deployed');
    expect(resumed.deployment?.previous).toBe('1');
    expect((await h.registry.champion(MODEL))?.version).toBe('2');
    expect((await h.registry.get(MODEL, '1'))?.status).toBe('retired');
  });

  it('resumes a pending attempt instead of starting a second one', async () => {
    const h = await harness();
    await h.registry.register({ model: MODEL, artifactUri: 'memory://artifacts/churn-2', metadata: {} });
    await h.store.saveAttempt(leftBehind('gated', { challenger: '2', champion: '1', gate: gate(true) }));
    const attempt = await h.orchestrator().start(decision('r5'));

    expect(attempt.key).toBe(`${MODEL}-r0`);
    expect(attempt.state).toBe('deployed');
    expect(h.trainer.starts).toEqual([]);
    expect(await h.store.listAttempts({ model: MODEL })).toHaveLength(1);
  });
});

describe('RetrainingOrchestrator: idempotency and locks', () => {
  it('returns the finished attempt with the same key instead of starting another', async () => {
    const h = await harness();
    const first = await h.orchestrator().start(decision());
    const writes = h.store.attemptWrites.length;
    const again = await h.orchestrator().start(decision());

    expect(again).toEqual(first);
    expect(h.store.attemptWrites).toHaveLength(writes);
    expect(h.trainer.starts).toHaveLength(1);
  });

  it('starts one training job for two overlapping calls with one key in one process', async () => {
    const h = await harness();
    const orchestrator = h.orchestrator();
    const [a, b] = await Promise.all([orchestrator.start(decision()), orchestrator.start(decision())]);

    expect(a.id).toBe(b.id);
    expect(a.state).toBe('deployed');
    expect(h.trainer.starts).toHaveLength(1);
    expect(await h.store.listAttempts({ model: MODEL })).toHaveLength(1);
  });

  it('refuses an overlapping call from another process while the first holds the lock', async () => {
    const h = await harness();
    const first = h.orchestrator({ owner: 'a' });
    const reached = hangFirstCall(h.trainer, 'status');
    void first.start(decision());
    await reached;

    await expect(h.orchestrator({ owner: 'b' }).start(decision())).rejects.toMatchObject({
      name: 'StateError',
      code: 'STATE_CONFLICT',
      message: expect.stringContaining('retraining of model churn is locked by another process (lock retrain-churn)'),
    });
    expect(h.trainer.starts).toHaveLength(1);
    expect(await h.store.listAttempts({ model: MODEL })).toHaveLength(1);
  });

  it('refuses to start while the lock is held, and releases its own lock when done', async () => {
    const h = await harness();
    await h.store.acquireLock('retrain-churn', 'someone-else', TTL);
    await expect(h.orchestrator().start(decision())).rejects.toMatchObject({ code: 'STATE_CONFLICT' });
    expect(h.store.attemptWrites).toEqual([]);

    await h.store.releaseLock('retrain-churn', 'someone-else');
    await h.orchestrator({ owner: 'me' }).start(decision());
    expect(h.store.locks.has('retrain-churn')).toBe(false);
  });

  it('releases the lock when an attempt fails', async () => {
    const h = await harness({ outcomes: { 'churn-r1': { outcome: 'fail', reason: 'boom' } } });
    const attempt = await h.orchestrator().start(decision());
    expect(attempt.state).toBe('failed');
    expect(h.store.locks.size).toBe(0);
  });

  it('stops without touching the attempt when another process took over the lock', async () => {
    const h = await harness({ outcomes: { 'churn-r1': { outcome: 'never' } } });
    const sleep = async (ms: number) => {
      await h.clock.sleep(ms);
      if (h.clock.sleeps.length === 3) h.store.locks.set('retrain-churn', { owner: 'thief', expiresAt: h.clock.ms + TTL });
    };
    await expect(h.orchestrator({ owner: 'me', sleep }).start(decision())).rejects.toMatchObject({
      code: 'STATE_CONFLICT',
      message: expect.stringContaining('lost lock retrain-churn'),
    });
    const [left] = await h.store.listAttempts({ model: MODEL });
    expect(left.state).toBe('training');
    expect(h.trainer.cancels).toEqual([]);
    expect(h.store.locks.get('retrain-churn')?.owner).toBe('thief');
  });

  it('leaves an interrupted attempt resumable when the signal aborts', async () => {
    const h = await harness({ outcomes: { 'churn-r1': { outcome: 'succeed', artifactUri: 'memory://m', polls: 3 } } });
    const controller = new AbortController();
    const sleep = async (ms: number, signal?: AbortSignal) => {
      await h.clock.sleep(ms);
      controller.abort(new Error('interrupted'));
      signal?.throwIfAborted();
    };
    await expect(h.orchestrator({ sleep }).start(decision(), { signal: controller.signal })).rejects.toThrow('interrupted');
    const [left] = await h.store.listAttempts({ model: MODEL });
    expect(left.state).toBe('training');
    expect(left.error).toBeUndefined();
    expect(h.store.locks.size).toBe(0);

    const [resumed] = await h.orchestrator().resumePending();
    expect(resumed.state).toBe('deployed');
    expect(h.trainer.jobs.size).toBe(1);
  });
});
