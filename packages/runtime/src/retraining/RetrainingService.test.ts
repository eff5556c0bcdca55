import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  definePlugin,
  defineProvider,
  type EvaluationSet,
  type Predictions,
  type RetrainingAttempt,
  type RetrainingOutcome,
} from '@driftwatch/core';
import { InMemoryRunStore } from '@driftwatch/core/testing';
import { readCsv } from '@driftwatch/data';
import { InMemoryModelRegistry, RecordingDeployer, ScriptedTrainingProvider, TableEvaluator } from '@driftwatch/retraining/testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { csvSourceProvider } from '../__fixtures__/csvSourceProvider.js';
import { createContainer } from '../composition/createContainer.js';
import { monitorRunnerToken, retrainingServiceToken } from '../composition/serviceTokens.js';
import { validateConfig } from '../config/loadConfig.js';

// The runtime's part of the loop, with the port fakes of @driftwatch/retraining/testing:
// config → providers per monitor → the runner's post-run step → policy → orchestrator.
let dir: string;
let store: InMemoryRunStore;
let registry: InMemoryModelRegistry;
let trainer: ScriptedTrainingProvider;
let evaluator: TableEvaluator;
let deployer: RecordingDeployer;

/** A model that predicts the holdout's labels right for `share` of the rows (the first ones). */
const predictor =
  (share: number) =>
  async (set: EvaluationSet): Promise<Predictions> => {
    const frame = await readCsv(set.uri);
    const target = frame.columns.find((c) => c.name === set.target);
    if (target?.kind !== 'numeric') throw new Error(`${set.uri}: expected a numeric label column ${set.target}`);
    const labels: string[] = [];
    for (let i = 0; i < frame.rowCount; i++) {
      const truth = String(target.values[i]);
      labels.push(i < share * frame.rowCount ? truth : truth === '1' ? '0' : '1');
    }
    return { rows: frame.rowCount, labels };
  };

const testPlugin = definePlugin({
  name: 'test',
  providers: [
    csvSourceProvider,
    defineProvider({ port: 'RunStore', type: 'memory', description: 'm', options: z.object({}).strict(), create: () => store }),
    defineProvider({ port: 'TrainingProvider', type: 'fake', description: 'f', options: z.object({}).strict(), create: () => trainer }),
    defineProvider({ port: 'Evaluator', type: 'fake', description: 'f', options: z.object({}).strict(), create: () => evaluator }),
    defineProvider({ port: 'ModelRegistry', type: 'fake', description: 'f', options: z.object({}).strict(), create: () => registry }),
    defineProvider({ port: 'Deployer', type: 'fake', description: 'f', options: z.object({}).strict(), create: () => deployer }),
  ],
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-retraining-'));
  const rows = (shift: number, n = 200) =>
    Array.from({ length: n }, (_, i) => `${i},${20 + ((i * 7) % 40) + shift},${['a', 'b', 'c'][i % 3]},${i % 2}`).join('\n');
  writeFileSync(join(dir, 'ref.csv'), `id,age,plan,label\n${rows(0)}\n`);
  writeFileSync(join(dir, 'cur.csv'), `id,age,plan,label\n${rows(25)}\n`);
  writeFileSync(join(dir, 'same.csv'), `id,age,plan,label\n${rows(0)}\n`);
});

beforeEach(() => {
  store = new InMemoryRunStore();
  registry = new InMemoryModelRegistry();
  trainer = new ScriptedTrainingProvider({}, { fallback: { outcome: 'succeed', artifactUri: '/models/new' } });
  deployer = new RecordingDeployer();
});

const config = (current = 'cur.csv', when: Record<string, unknown> = { drift: true }) => ({
  version: 1,
  store: { type: 'memory' },
  monitors: [
    {
      name: 'credit',
      reference: { path: 'ref.csv' },
      current: { path: current },
      schema: { id: 'id', target: 'label' },
      drift: { methods: { age: 'ks' }, datasetShare: 0.3 },
      retraining: {
        model: 'credit-model',
        when,
        data: { holdout: { fraction: 0.25, minRows: 10 } },
        trainer: { type: 'fake' },
        evaluator: { type: 'fake' },
        registry: { type: 'fake' },
        deployer: { type: 'fake' },
        gate: { metric: 'accuracy', minGain: 0.05 },
      },
    },
  ],
});

async function compose(raw: unknown) {
  const loaded = await validateConfig(raw, { file: join(dir, 'driftwatch.yaml'), builtinPlugins: [testPlugin], env: {} });
  const container = await createContainer({
    plugins: [],
    context: { baseDir: dir, env: {} },
    config: loaded,
    retraining: { workDir: join(dir, 'attempts'), sleep: async () => {} },
  });
  return { loaded, runner: container.get(monitorRunnerToken), service: container.get(retrainingServiceToken) };
}

describe('retraining in the runtime', () => {
  it('a drifting run triggers an attempt that replaces a worse champion; the run result and store carry it', async () => {
    const champion = await registry.register({ model: 'credit-model', artifactUri: '/models/old', metadata: {} });
    await registry.setStatus('credit-model', champion.version, 'champion');
    evaluator = new TableEvaluator({ [champion.version]: predictor(0.6), '2': predictor(0.9) });
    const { loaded, runner } = await compose(config());
    const result = await runner.run(loaded.config.monitors[0]!, 0);
    const outcome = result.retraining as RetrainingOutcome;
    expect(result.status).toBe('drift');
    expect(outcome.decision.retrain).toBe(true);
    expect(outcome.decision.key).toBe(`credit-model-${result.runId}`);
    expect(outcome.attempt?.state).toBe('deployed');
    expect(outcome.attempt?.gate).toMatchObject({ metric: 'accuracy', champion: 0.6, challenger: 0.9, passed: true });
    // The trainer got the collected training set and the target; the id column was not a feature.
    expect(trainer.starts[0]?.parameters).toEqual({ target: 'label' });
    const train = await readCsv(trainer.starts[0]!.dataUri);
    expect(train.columns.map((c) => c.name)).toEqual(['age', 'plan', 'label']);
    expect(train.rowCount).toBe(200 + 150);
    expect((await registry.champion('credit-model'))?.version).toBe('2');
    expect(deployer.serving).toBe('2');
    // The run record holds the same outcome; the attempt is in the store.
    const [record] = await store.listRuns({ monitor: 'credit' });
    expect((record!.result as { retraining: RetrainingOutcome }).retraining.attempt?.id).toBe(outcome.attempt?.id);
    expect((await store.listAttempts({ model: 'credit-model' })).map((a) => a.state)).toEqual(['deployed']);
  });

  it('reference: { from: champion } compares against the data the serving version was validated on: after a promotion the trigger stops firing', async () => {
    evaluator = new TableEvaluator({ '1': predictor(0.9), '2': predictor(0.9) });
    const raw = config();
    const monitor = raw.monitors[0]!;
    const following = {
      ...raw,
      monitors: [
        {
          ...monitor,
          reference: { from: 'champion', initial: { path: 'ref.csv' } },
        },
      ],
    };
    const { loaded, runner } = await compose(following);

    // No champion yet: the initial reference; the current data drifted from it, so v1 is trained and deployed.
    const first = await runner.run(loaded.config.monitors[0]!, 0);
    expect(first.drift?.reference.source).toBe(join(dir, 'ref.csv'));
    expect(first.status).toBe('drift');
    const attempt = (first.retraining as RetrainingOutcome).attempt;
    expect(attempt?.state).toBe('deployed');
    const v1 = await registry.champion('credit-model');
    expect(v1?.version).toBe('1');
    // Recorded with the version: the rows it was validated on (the latest 50), every column (the id too).
    expect(v1?.metadata.reference).toBe(attempt?.data?.referenceUri);
    const recorded = await readCsv(v1?.metadata.reference as string);
    expect(recorded.columns.map((c) => c.name)).toEqual(['id', 'age', 'plan', 'label']);
    expect(recorded.rowCount).toBe(50);

    // The next run compares the same current data against v1's data: no drift, no trigger.
    const second = await runner.run(loaded.config.monitors[0]!, 0);
    expect(second.drift?.reference.source).toBe(v1?.metadata.reference);
    expect(second.drift?.reference.rows).toBe(50);
    expect(second.status).toBe('ok');
    expect((second.retraining as RetrainingOutcome).decision).toMatchObject({ retrain: false, blockedBy: [] });
    expect(trainer.starts).toHaveLength(1);
  });

  it('reference: { from: champion } needs a retraining block, and an initial source', async () => {
    const raw = config();
    const { retraining: _, ...monitor } = raw.monitors[0]!;
    const errors = async (m: object) =>
      validateConfig({ ...raw, monitors: [m] }, { file: join(dir, 'driftwatch.yaml'), builtinPlugins: [testPlugin], env: {} }).catch(
        (e: Error) => e.message,
      );
    expect(await errors({ ...monitor, reference: { from: 'champion', initial: { path: 'ref.csv' } } })).toMatch(
      /monitors\[0\]\.reference\.from: a reference that follows the champion needs a retraining: block/,
    );
    expect(await errors({ ...raw.monitors[0]!, reference: { from: 'champion' } })).toMatch(/monitors\[0\]\.reference/);
  });

  it('a run without drift leaves the model alone and says no trigger fired', async () => {
    evaluator = new TableEvaluator({});
    const { loaded, runner } = await compose(config('same.csv'));
    const result = await runner.run(loaded.config.monitors[0]!, 0);
    const outcome = result.retraining as RetrainingOutcome;
    expect(result.status).toBe('ok');
    expect(outcome.decision).toMatchObject({ retrain: false, blockedBy: [] });
    expect(outcome.attempt).toBeUndefined();
    expect(trainer.starts).toEqual([]);
  });

  it('a lock held by another process is reported in the run, which still completes', async () => {
    evaluator = new TableEvaluator({});
    await store.acquireLock('retrain-credit-model', 'someone-else', 3_600_000);
    const { loaded, runner } = await compose(config());
    const result = await runner.run(loaded.config.monitors[0]!, 0);
    const outcome = result.retraining as RetrainingOutcome;
    expect(outcome.error?.code).toBe('STATE_CONFLICT');
    expect(outcome.error?.message).toMatch(/retrain-credit-model/);
    expect(trainer.starts).toEqual([]);
    expect(await store.listRuns()).toHaveLength(1);
  });

  it('retrain by hand ignores the soft guards; a dry run plans without side effects', async () => {
    evaluator = new TableEvaluator({ '1': predictor(0.8), '2': predictor(0.9) });
    const { service } = await compose(config('cur.csv', { drift: true, cooldown: '1d' }));
    const dry = await service.retrain('credit', { dryRun: true, reason: 'checking' });
    expect(dry.plan).toMatchObject({ champion: null, data: { trainRows: 350, holdoutRows: 50, newLabelledRows: 200 } });
    expect(dry.decision.trigger?.reasons[0]).toBe('checking');
    expect(await store.listAttempts()).toEqual([]);
    const first = await service.retrain('credit', { reason: 'first model' });
    expect(first.attempt?.state).toBe('deployed');
    expect(first.decision.blockedBy).toEqual([]);
    // Within the cooldown: reported, but a manual attempt goes ahead.
    const second = await service.retrain('credit', { reason: 'new labels' });
    expect(second.attempt?.state).toBe('deployed');
    expect(second.attempt?.trigger.reasons[0]).toBe('new labels');
    expect(second.decision.blockedBy.join(' ')).toMatch(/cooldown/);
    expect(second.attempt?.gate).toMatchObject({ champion: 0.8, challenger: 0.9 });
  });

  it('an attempt a crash left unfinished answers the next retrain or run: resumed, trained once, none started unless asked', async () => {
    evaluator = new TableEvaluator({ '1': predictor(0.8), '2': predictor(0.9), '3': predictor(0.95) });
    const crashed = (key: string, at: string): RetrainingAttempt => ({
      schemaVersion: 1,
      id: `credit-model-${key}`,
      key,
      monitor: 'credit',
      model: 'credit-model',
      state: 'triggered',
      trigger: { kinds: ['manual'], reasons: ['requested by hand'] },
      createdAt: at,
      updatedAt: at,
      transitions: [{ from: null, to: 'triggered', at, reason: 'requested by hand' }],
    });
    await store.saveAttempt(crashed('k1', '2026-01-01T00:00:00.000Z'));
    const { loaded, runner, service } = await compose(config());
    const again = await service.retrain('credit');
    expect(again.resumed.map((a) => [a.key, a.state])).toEqual([['k1', 'deployed']]);
    expect(again.attempt).toBeUndefined();
    expect(again.decision.retrain).toBe(false);
    expect(again.decision.blockedBy.at(-1)).toBe(
      'resumed unfinished attempt credit-model-k1 instead of starting another (--new starts one after it)',
    );
    expect(trainer.starts.map((r) => r.key)).toEqual(['k1']);
    expect(await store.listAttempts()).toHaveLength(1);

    // A run that drifts, after a crash: it resumes and starts none either.
    await store.saveAttempt(crashed('k2', '2026-01-02T00:00:00.000Z'));
    const run = (await runner.run(loaded.config.monitors[0]!, 0)).retraining as RetrainingOutcome;
    expect(run.resumed.map((a) => [a.key, a.state])).toEqual([['k2', 'deployed']]);
    expect(run.attempt).toBeUndefined();
    expect(run.decision.blockedBy.at(-1)).toBe('resumed unfinished attempt credit-model-k2 instead of starting another');
    expect(trainer.starts.map((r) => r.key)).toEqual(['k1', 'k2']);

    // Asked for explicitly: the resumed one first, then a new one.
    await store.saveAttempt(crashed('k3', '2026-01-03T00:00:00.000Z'));
    const both = await service.retrain('credit', { newAttempt: true });
    expect(both.resumed.map((a) => a.key)).toEqual(['k3']);
    expect(both.attempt?.key).toMatch(/^credit-model-manual-/);
    expect(trainer.starts.map((r) => r.key)).toEqual(['k1', 'k2', 'k3', both.attempt?.key]);
    expect(await store.listAttempts()).toHaveLength(4);
  });

  it('promote and rollback deploy first and change the champion only when the deployer succeeded', async () => {
    evaluator = new TableEvaluator({});
    for (const uri of ['/m/1', '/m/2']) await registry.register({ model: 'credit-model', artifactUri: uri, metadata: {} });
    await registry.setStatus('credit-model', '1', 'champion');
    const { service } = await compose(config());
    await service.promote('credit', '2', 'reviewed');
    expect((await registry.champion('credit-model'))?.version).toBe('2');
    deployer.failRollback = 'endpoint stuck in Updating';
    await expect(service.rollback('credit')).rejects.toThrow(/endpoint stuck in Updating; the champion is unchanged/);
    expect((await registry.champion('credit-model'))?.version).toBe('2');
    deployer.failRollback = undefined;
    expect(await service.rollback('credit')).toMatchObject({ from: '2', to: { version: '1', status: 'champion' } });
    expect(deployer.serving).toBe('1');
    await expect(service.promote('credit', '7')).rejects.toThrow(/no version "7" \(versions: 1, 2\)/);
    await expect(service.retrain('nope')).rejects.toThrow(/monitor "nope" has no retraining: block \(monitors with one: credit\)/);
  });
});
