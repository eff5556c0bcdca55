import { readdir } from 'node:fs/promises';
import { ProviderError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { decision, harness, MODEL, path, perfect, side, wrongEvery } from './__fixtures__/orchestratorHarness.js';

const happyPath = ['triggered', 'collecting', 'training', 'registering', 'evaluating', 'gated', 'deploying', 'deployed'];

describe('RetrainingOrchestrator.start', () => {
  it('persists every transition of the happy path and makes the challenger champion', async () => {
    const h = await harness();
    const attempt = await h.orchestrator().start(decision());

    expect(attempt.state).toBe('deployed');
    expect(path(attempt)).toEqual(happyPath);
    expect(attempt.transitions.map((t) => t.from)).toEqual([null, ...happyPath.slice(0, -1)]);
    // One write per transition, plus the job id saved right after the job started.
    expect(h.store.attemptWrites.map((a) => a.state)).toEqual([
      'triggered',
      'collecting',
      'training',
      'training',
      'registering',
      'evaluating',
      'gated',
      'deploying',
      'deployed',
    ]);
    expect(h.store.attemptWrites[3].training?.jobId).toBe('job-1');
    expect(await h.store.getAttempt(attempt.id)).toEqual(attempt);
    expect(attempt.id).toMatch(/^20260311T100000Z-churn-[0-9a-f]{6}$/);
    expect(attempt.key).toBe('churn-r1');

    expect(h.trainer.starts).toHaveLength(1);
    expect(h.trainer.starts[0]).toMatchObject({ model: MODEL, key: 'churn-r1', parameters: { target: 'churned' } });
    expect(h.trainer.starts[0].dataUri).toBe(attempt.data?.trainUri);
    // The holdout is the gate's alone; without data.validation the trainer gets no validation set.
    expect(h.trainer.starts[0].validationUri).toBeUndefined();
    expect(await readdir(`${h.workDir}/${attempt.id}`)).toEqual(expect.arrayContaining(['train.csv', 'holdout.csv']));
    expect(h.clock.sleeps).toEqual([5000]);

    expect(attempt.challenger).toBe('2');
    expect(attempt.champion).toBe('1');
    expect(attempt.gate?.passed).toBe(true);
    expect(attempt.scores?.challenger.metrics.accuracy).toBe(1);
    expect(attempt.scores?.champion?.metrics.accuracy).toBeLessThan(0.8);
    expect(attempt.deployment).toEqual({ at: expect.any(String), previous: '1' });
    expect(attempt.error).toBeUndefined();

    expect(h.deployer.calls).toEqual([{ operation: 'deploy', model: MODEL, version: '2', previous: '1' }]);
    expect((await h.registry.champion(MODEL))?.version).toBe('2');
    expect((await h.registry.get(MODEL, '1'))?.status).toBe('retired');
    expect((await h.registry.get(MODEL, '2'))?.metadata).toMatchObject({ attempt: attempt.id, trigger: ['dataset drifted in run r1'] });
    expect(h.evaluator.calls.map((c) => c.version)).toEqual(['2', '1']);
    expect(h.evaluator.calls[0].set).toEqual({ uri: attempt.data?.holdoutUri, rows: attempt.data?.holdoutRows, target: 'churned' });
  });

  it('passes the runtime parameters to the trainer, with the target winning', async () => {
    const h = await harness();
    await h.orchestrator({}, { parameters: { epochs: '3', target: 'other' } }).start(decision());
    expect(h.trainer.starts[0].parameters).toEqual({ epochs: '3', target: 'churned' });
  });

  it('lets the floors decide when there is no champion', async () => {
    const good = await harness({ champion: false });
    const deployed = await good.orchestrator().start(decision());
    expect(deployed.state).toBe('deployed');
    expect(deployed.champion).toBeNull();
    expect(deployed.gate?.gain).toBeNull();
    expect((await good.registry.champion(MODEL))?.version).toBe('1');
    expect(good.deployer.calls).toEqual([{ operation: 'deploy', model: MODEL, version: '1' }]);

    const bad = await harness({ champion: false, table: { '1': wrongEvery(2) } });
    const rejected = await bad.orchestrator().start(decision());
    expect(rejected.state).toBe('rejected');
    expect(rejected.gate?.floors[0]).toMatchObject({ metric: 'accuracy', bound: 0.6, passed: false });
    expect(await bad.registry.champion(MODEL)).toBeUndefined();
    expect(bad.deployer.calls).toEqual([]);
  });

  it('rejects a challenger that does not beat the champion, which keeps serving', async () => {
    const h = await harness({ table: { '1': wrongEvery(4), '2': wrongEvery(2) } });
    const attempt = await h.orchestrator().start(decision());

    expect(path(attempt)).toEqual(['triggered', 'collecting', 'training', 'registering', 'evaluating', 'gated', 'rejected']);
    expect(attempt.gate?.passed).toBe(false);
    expect(attempt.gate?.gain).toBeLessThan(0);
    expect(attempt.error?.code).toBe('GATE_REJECTED');
    expect(attempt.error?.message).toContain('validation gate failed');
    const challenger = await h.registry.get(MODEL, '2');
    expect(challenger?.status).toBe('rejected');
    expect(challenger?.statusReason).toContain('validation gate failed');
    expect((await h.registry.champion(MODEL))?.version).toBe('1');
    expect(h.deployer.calls).toEqual([]);
  });

  it('fails with the provider reason when the training job fails', async () => {
    const h = await harness({ outcomes: { 'churn-r1': { outcome: 'fail', reason: 'exit status 1: out of memory', polls: 2 } } });
    const attempt = await h.orchestrator().start(decision());

    expect(path(attempt)).toEqual(['triggered', 'collecting', 'training', 'failed']);
    expect(attempt.error).toEqual({ code: 'PROVIDER_FAILED', message: 'training job job-1 failed: exit status 1: out of memory' });
    expect(attempt.training?.finishedAt).toBeDefined();
    expect(h.clock.sleeps).toEqual([5000, 10000]);
    expect(await h.registry.list(MODEL)).toHaveLength(1);
    expect((await h.registry.champion(MODEL))?.version).toBe('1');
  });

  it('cancels a training job at its deadline, polling with a doubling interval', async () => {
    const h = await harness({ outcomes: { 'churn-r1': { outcome: 'never' } } });
    const attempt = await h.orchestrator().start(decision());

    expect(attempt.state).toBe('failed');
    expect(attempt.error).toEqual({ code: 'PROVIDER_FAILED', message: 'training timed out after 1h' });
    expect(h.trainer.cancels).toEqual(['job-1']);
    expect(h.clock.sleeps.slice(0, 6)).toEqual([5000, 10000, 20000, 40000, 60000, 60000]);
    expect(h.clock.sleeps.reduce((a, b) => a + b, 0)).toBe(3_600_000);
    expect((await h.registry.champion(MODEL))?.version).toBe('1');
    expect(h.progress.some((line) => line.includes('job-1 running'))).toBe(true);
  });

  it('fails when the trainer throws, with the error code', async () => {
    const error = new ProviderError('scripted', 'start', 'quota exceeded');
    const h = await harness({ outcomes: { 'churn-r1': { outcome: 'throw', error } } });
    const attempt = await h.orchestrator().start(decision());

    expect(path(attempt)).toEqual(['triggered', 'collecting', 'training', 'failed']);
    expect(attempt.error).toEqual({ code: 'PROVIDER_FAILED', message: 'training failed: scripted start: quota exceeded' });
    expect(attempt.training).toBeUndefined();
    expect((await h.registry.champion(MODEL))?.version).toBe('1');
  });

  it('fails when the evaluator throws, rejecting the registered challenger', async () => {
    const h = await harness({ table: { '1': wrongEvery(4), '2': new Error('endpoint unreachable') } });
    const attempt = await h.orchestrator().start(decision());

    expect(path(attempt)).toEqual(['triggered', 'collecting', 'training', 'registering', 'evaluating', 'failed']);
    expect(attempt.error).toEqual({ code: 'INTERNAL', message: 'evaluating failed: endpoint unreachable' });
    expect((await h.registry.get(MODEL, '2'))?.status).toBe('rejected');
    expect((await h.registry.champion(MODEL))?.version).toBe('1');
    expect(h.deployer.calls).toEqual([]);
  });

  it('fails when the evaluator cannot be reached, without rejecting the challenger (no verdict on the model)', async () => {
    const unreachable = new ProviderError('sagemaker-endpoint', 'InvokeEndpoint', 'endpoint credit-eval: connect ECONNREFUSED');
    const h = await harness({ table: { '1': wrongEvery(4), '2': unreachable } });
    const before = (await h.registry.get(MODEL, '1'))?.status;
    const attempt = await h.orchestrator().start(decision());

    expect(path(attempt)).toEqual(['triggered', 'collecting', 'training', 'registering', 'evaluating', 'failed']);
    expect(attempt.error).toEqual({
      code: 'PROVIDER_FAILED',
      message: 'evaluating failed: sagemaker-endpoint InvokeEndpoint: endpoint credit-eval: connect ECONNREFUSED',
    });
    const challenger = await h.registry.get(MODEL, '2');
    expect(challenger?.status).not.toBe('rejected');
    expect(challenger?.status).toBe('candidate');
    expect((await h.registry.champion(MODEL))?.version).toBe('1');
    expect(before).toBe('champion');
    expect(h.deployer.calls).toEqual([]);
  });

  it('fails at collecting when the current data has no labels', async () => {
    const h = await harness({
      sides: async () => [
        { side: 'reference', frame: side('reference.csv', 40) },
        { side: 'current', frame: side('current.csv', 40, false) },
      ],
    });
    const attempt = await h.orchestrator().start(decision());

    expect(path(attempt)).toEqual(['triggered', 'collecting', 'failed']);
    expect(attempt.error?.code).toMatch(/^INPUT_/);
    expect(attempt.error?.message).toContain('churned');
    expect(h.trainer.starts).toEqual([]);
    expect((await h.registry.champion(MODEL))?.version).toBe('1');
  });

  it('ends deploy-failed when the deployment fails: the champion serves, the challenger is not rejected', async () => {
    const h = await harness();
    h.deployer.failDeploy = 'endpoint update failed: capacity';
    const attempt = await h.orchestrator().start(decision());

    expect(path(attempt)).toEqual([...happyPath.slice(0, -1), 'deploy-failed']);
    expect(attempt.error).toEqual({
      code: 'DEPLOY_FAILED',
      message:
        'deploying version 2 failed: endpoint update failed: capacity; version 1 keeps serving (retry with: driftwatch models promote churn-monitor 2)',
    });
    expect(attempt.gate?.passed).toBe(true);
    expect(attempt.deployment).toBeUndefined();
    expect(await h.registry.get(MODEL, '2')).toMatchObject({ status: 'deploy-failed', statusReason: attempt.error?.message });
    expect((await h.registry.champion(MODEL))?.version).toBe('1');
    expect(h.deployer.serving).toBe('1');
  });

  it('ends deploy-failed when the deployer throws, without promoting or rejecting the challenger', async () => {
    const h = await harness();
    h.deployer.throwNext = new ProviderError('recording', 'deploy', 'connection reset');
    const attempt = await h.orchestrator().start(decision());

    expect(attempt.state).toBe('deploy-failed');
    expect(attempt.error?.code).toBe('DEPLOY_FAILED');
    expect(attempt.error?.message).toMatch(/^deploying version 2 failed: recording deploy: connection reset; version 1 keeps serving/);
    expect((await h.registry.get(MODEL, '2'))?.status).toBe('deploy-failed');
    expect((await h.registry.champion(MODEL))?.version).toBe('1');
  });

  it('checks the deployed version and keeps it when the post-deploy check passes', async () => {
    const h = await harness({ config: { postDeploy: { floors: { accuracy: 0.9 }, maxLoss: 0.05 } } });
    const attempt = await h.orchestrator().start(decision());

    expect(path(attempt)).toEqual([...happyPath.slice(0, -1), 'verifying', 'deployed']);
    expect(attempt.postDeploy?.passed).toBe(true);
    expect(attempt.postDeploy?.scores?.metrics.accuracy).toBe(1);
    expect(h.evaluator.calls.map((c) => c.version)).toEqual(['2', '1', '2']);
    expect((await h.registry.champion(MODEL))?.version).toBe('2');
  });

  it('rolls back to the previous champion when the post-deploy check fails', async () => {
    const h = await harness({
      config: { postDeploy: { floors: { accuracy: 0.9 } } },
      table: { '1': wrongEvery(4), '2': [perfect, wrongEvery(2)] },
    });
    const attempt = await h.orchestrator().start(decision());

    expect(path(attempt)).toEqual([...happyPath.slice(0, -1), 'verifying', 'rolled_back']);
    expect(attempt.postDeploy?.passed).toBe(false);
    expect(attempt.error?.code).toBe('POST_DEPLOY_FAILED');
    expect(attempt.error?.message).toMatch(/^post-deploy check failed: accuracy 0\.5 < floor 0\.9; rolled back to version 1$/);
    expect(h.deployer.calls).toEqual([
      { operation: 'deploy', model: MODEL, version: '2', previous: '1' },
      { operation: 'rollback', model: MODEL, version: '1' },
    ]);
    expect(h.deployer.serving).toBe('1');
    expect((await h.registry.champion(MODEL))?.version).toBe('1');
    expect((await h.registry.get(MODEL, '2'))?.status).toBe('rejected');
  });

  it('fails the post-deploy check on a loss beyond maxLoss against its own gate score', async () => {
    const h = await harness({
      config: { postDeploy: { maxLoss: 0.05 } },
      table: { '1': wrongEvery(4), '2': [perfect, wrongEvery(4)] },
    });
    const attempt = await h.orchestrator().start(decision());
    expect(attempt.state).toBe('rolled_back');
    const value = attempt.postDeploy?.scores?.metrics.accuracy as number;
    expect(value).toBeLessThan(0.95);
    expect(attempt.postDeploy?.reasons).toEqual([
      `accuracy ${value} vs 1 at the gate: loss ${Math.round((1 - value) * 1e6) / 1e6} > maxLoss 0.05`,
    ]);
    expect((await h.registry.champion(MODEL))?.version).toBe('1');
  });

  it('fails when the post-deploy check fails and there is no previous champion', async () => {
    const h = await harness({
      champion: false,
      config: { postDeploy: { floors: { accuracy: 0.9 } } },
      table: { '1': [perfect, wrongEvery(2)] },
    });
    const attempt = await h.orchestrator().start(decision());

    expect(attempt.state).toBe('failed');
    expect(attempt.error?.message).toMatch(/^post-deploy check failed and there is no previous champion to roll back to: /);
    expect(h.deployer.calls.map((c) => c.operation)).toEqual(['deploy']);
  });

  it('fails, naming the serving version, when the rollback fails', async () => {
    const h = await harness({
      config: { postDeploy: { floors: { accuracy: 0.9 } } },
      table: { '1': wrongEvery(4), '2': [perfect, wrongEvery(2)] },
    });
    h.deployer.failRollback = 'endpoint busy';
    const attempt = await h.orchestrator().start(decision());

    expect(attempt.state).toBe('failed');
    expect(attempt.error?.message).toContain('rolling back to version 1 failed: endpoint busy; version 2 still serves');
    expect((await h.registry.champion(MODEL))?.version).toBe('2');
  });

  it('redacts secrets from persisted messages', async () => {
    const h = await harness({ outcomes: { 'churn-r1': { outcome: 'fail', reason: 'auth failed with token=s3cr3t' } } });
    const attempt = await h.orchestrator({ redact: (text) => text.replaceAll('s3cr3t', '***') }).start(decision());

    expect(attempt.error?.message).toBe('training job job-1 failed: auth failed with token=***');
    expect(JSON.stringify(h.store.attemptWrites)).not.toContain('s3cr3t');
  });

  it('rejects a decision without a key', async () => {
    const h = await harness();
    const { key: _key, ...noKey } = decision();
    await expect(h.orchestrator().start(noKey as ReturnType<typeof decision>)).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(h.store.attemptWrites).toEqual([]);
  });
});

describe('RetrainingOrchestrator.plan', () => {
  it('reports the split, the champion and the providers without writing anything', async () => {
    const h = await harness();
    const plan = await h.orchestrator().plan(decision());

    expect(plan).toMatchObject({
      model: MODEL,
      monitor: 'churn-monitor',
      champion: '1',
      providers: { trainer: 'scripted', evaluator: 'table', registry: 'memory', deployer: 'recording' },
    });
    expect(plan.dataError).toBeUndefined();
    expect(plan.pending).toBeUndefined();
    expect(await readdir(h.workDir)).toEqual([]);
    expect(h.trainer.starts).toEqual([]);
    expect(h.store.attemptWrites).toEqual([]);

    const attempt = await h.orchestrator().start(decision());
    expect(plan.data).toEqual({
      trainRows: attempt.data?.trainRows,
      holdoutRows: attempt.data?.holdoutRows,
      newLabelledRows: attempt.data?.newLabelledRows,
    });
    expect((await h.orchestrator().plan(decision())).existing?.id).toBe(attempt.id);
  });

  it('reports why the data cannot be collected', async () => {
    const h = await harness({
      sides: async () => [
        { side: 'reference', frame: side('reference.csv', 40) },
        { side: 'current', frame: side('current.csv', 40, false) },
      ],
    });
    const plan = await h.orchestrator().plan(decision());
    expect(plan.data).toBeUndefined();
    expect(plan.dataError?.message).toContain('churned');
  });
});
