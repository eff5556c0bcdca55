import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
  DescribeTrainingJobCommand,
  ListModelPackagesCommand,
} from '@aws-sdk/client-sagemaker';
import type { EvaluationSet, PolicyDecision, Predictions, RetrainingAttempt } from '@driftwatch/core';
import { InMemoryRunStore } from '@driftwatch/core/testing';
import { readCsv } from '@driftwatch/data';
import { parseModelMonitorFile } from '@driftwatch/drift';
import { loadHoldoutLabels, RetrainingOrchestrator, retrainingConfigSchema } from '@driftwatch/retraining';
import { type TableAnswer, TableEvaluator } from '@driftwatch/retraining/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithMoto } from './__tests__/describeWithMoto.js';
import type { SageMakerCall } from './__tests__/sageMakerWireServer.js';
import { noRetry, testSageMakerClient } from './__tests__/testClients.js';
import { SageMakerEndpointDeployer } from './deploy/SageMakerEndpointDeployer.js';
import { sageMakerEndpointOptions } from './options/sageMakerEndpointOptions.js';
import { sageMakerRegistryOptions } from './options/sageMakerRegistryOptions.js';
import { sageMakerTrainingOptions } from './options/sageMakerTrainingOptions.js';
import { SageMakerModelRegistry } from './registry/SageMakerModelRegistry.js';
import { SageMakerTrainingProvider } from './training/SageMakerTrainingProvider.js';

const BUCKET = 'retrain-loop';
const TARGET = 'churned';
const ROLE = 'arn:aws:iam::123456789012:role/SageMaker';
const happyPath = ['triggered', 'collecting', 'training', 'registering', 'evaluating', 'gated', 'deploying', 'deployed'];

type EndpointBody = { EndpointStatus: string; EndpointConfigName: string; FailureReason?: string; PendingDeploymentSummary?: object };

/** A test clock shared by the orchestrator and the providers: `sleep` moves it instead of waiting. */
class FakeClock {
  ms = Date.parse('2026-03-11T10:00:00Z');
  sleeps: number[] = [];
  readonly now = (): Date => new Date(this.ms);
  readonly epochMs = (): number => this.ms;
  readonly sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.ms += ms;
  };
}

/** A CSV of `rows` customers with a yes/no label (every third churned). */
function customersCsv(rows: number, firstId: number): string {
  const lines = ['customer_id,tenure,plan,churned'];
  for (let i = 0; i < rows; i++)
    lines.push(`${firstId + i},${(i * 1.5).toFixed(1)},${i % 2 === 0 ? 'basic' : 'pro'},${i % 3 === 0 ? 'yes' : 'no'}`);
  return `${lines.join('\n')}\n`;
}

async function holdoutTruth(set: EvaluationSet): Promise<string[]> {
  return [...((await loadHoldoutLabels(set.uri, set.target, 'classification')) as readonly string[])];
}

/** Predicts the holdout's own labels. */
const perfect: TableAnswer = async (set) => {
  const labels = await holdoutTruth(set);
  return { rows: labels.length, labels };
};

/** Gets every `n`-th holdout row (from the first) wrong. */
function wrongEvery(n: number): TableAnswer {
  return async (set): Promise<Predictions> => {
    const labels = (await holdoutTruth(set)).map((label, i) => (i % n === 0 ? (label === 'yes' ? 'no' : 'yes') : label));
    return { rows: labels.length, labels };
  };
}

function decision(model: string): PolicyDecision & { retrain: true } {
  return {
    retrain: true,
    trigger: { kinds: ['drift'], reasons: ['dataset drifted in run r1'], runId: 'r1' },
    blockedBy: [],
    key: `${model}-r1`,
  };
}

const states = (attempt: RetrainingAttempt): string[] => attempt.transitions.map((t) => t.to);

describeWithMoto('the retraining loop on SageMaker (moto)', (aws) => {
  let dir: string;
  /** Training jobs whose DescribeTrainingJob the wire answers once moto has created them (moto completes jobs at once). */
  const jobScripts = new Map<string, { body: object; created: boolean }>();
  /** What each endpoint does after UpdateEndpoint (moto 5.2 lacks it): DescribeEndpoint answers, one per poll, the last repeated. */
  const onUpdate = new Map<string, (config: string) => EndpointBody[]>();
  const endpointScripts = new Map<string, EndpointBody[]>();
  /** UpdateEndpoint errors to answer, by endpoint, in SageMaker's wire format. */
  const updateErrors = new Map<string, { error: string; message: string }>();

  aws.useWire(({ operation, input }) => {
    const job = jobScripts.get(input.TrainingJobName);
    if (job) {
      if (operation === 'CreateTrainingJob') job.created = true;
      if (operation === 'DescribeTrainingJob' && job.created) return { body: { TrainingJobName: input.TrainingJobName, ...job.body } };
      if (operation === 'StopTrainingJob') return { body: {} };
      return undefined;
    }
    if (operation === 'UpdateEndpoint') {
      const failure = updateErrors.get(input.EndpointName);
      if (failure) return failure;
      const update = onUpdate.get(input.EndpointName);
      if (!update) return { error: 'ValidationException', message: `test: no update scripted for endpoint ${input.EndpointName}` };
      endpointScripts.set(input.EndpointName, update(input.EndpointConfigName));
      return { body: { EndpointArn: `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${input.EndpointName}` } };
    }
    const script = operation === 'DescribeEndpoint' ? endpointScripts.get(input.EndpointName) : undefined;
    if (script) return { body: { EndpointName: input.EndpointName, ...(script.length > 1 ? script.shift()! : script[0]!) } };
    return undefined;
  });

  beforeAll(async () => {
    await aws.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    dir = mkdtempSync(join(tmpdir(), 'dw-sm-loop-'));
    writeFileSync(join(dir, 'reference.csv'), customersCsv(24, 1000));
    writeFileSync(join(dir, 'current.csv'), customersCsv(24, 2000));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /**
   * The loop of one model on its own endpoint, every peer on one fake clock:
   * version 1 registered, deployed and approved through the providers first.
   */
  async function loop(model: string, data: object = { exclude: ['customer_id'] }) {
    const endpointName = `${model}-ep`;
    const clock = new FakeClock();
    const client = testSageMakerClient(aws.wire.endpoint);
    const trainer = new SageMakerTrainingProvider(
      client,
      aws.s3,
      sageMakerTrainingOptions.parse({
        roleArn: ROLE,
        image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/trainer:1',
        outputUri: `s3://${BUCKET}/models`,
        inputUri: `s3://${BUCKET}/inputs`,
        ...noRetry,
      }),
    );
    const registry = new SageMakerModelRegistry(
      client,
      sageMakerRegistryOptions.parse({ image: 'inference:1', baselineUri: `s3://${BUCKET}/baselines`, ...noRetry }),
      { now: clock.epochMs, s3: () => aws.s3 },
    );
    const deployer = new SageMakerEndpointDeployer(
      client,
      sageMakerEndpointOptions.parse({ endpointName, roleArn: ROLE, image: 'inference:1', ...noRetry }),
      { now: clock.epochMs, sleep: clock.sleep },
    );
    const champion = await registry.register({ model, artifactUri: `s3://${BUCKET}/models/seed/model.tar.gz`, metadata: {} });
    const seeded = await deployer.deploy(champion);
    if (seeded.status !== 'deployed') throw new Error(`seeding ${endpointName} failed: ${seeded.reason}`);
    await registry.setStatus(model, champion.version, 'champion', 'seeded');
    clock.sleeps = [];

    const evaluator = new TableEvaluator({ '1': wrongEvery(3), '2': perfect });
    const store = new InMemoryRunStore({ now: clock.epochMs });
    const workDir = join(dir, model);
    const config = retrainingConfigSchema.parse({
      model,
      trainer: { type: 'sagemaker' },
      evaluator: { type: 'table' },
      registry: { type: 'sagemaker' },
      deployer: { type: 'sagemaker-endpoint' },
      data: { holdout: { fraction: 0.25, minRows: 4 }, ...data },
      gate: { metric: 'accuracy', minGain: 0.05, floors: { accuracy: 0.7 } },
      timeouts: { training: '1h', poll: '5m', pollMax: '20m' },
    });
    const orchestrator = new RetrainingOrchestrator(
      { monitor: `${model}-monitor`, model, task: 'classification', target: TARGET, config, workDir },
      {
        store,
        trainer,
        evaluator,
        registry,
        deployer,
        loadSides: async () => [
          { side: 'reference', frame: await readCsv(join(dir, 'reference.csv')) },
          { side: 'current', frame: await readCsv(join(dir, 'current.csv')) },
        ],
        now: clock.now,
        sleep: clock.sleep,
      },
    );
    const from = aws.wire.calls.length;
    /** The SageMaker calls made since the loop was set up. */
    const calls = () => aws.wire.calls.slice(from);
    return { model, endpointName, clock, trainer, registry, deployer, evaluator, store, orchestrator, champion, calls };
  }

  const describePackage = async (arn: string | undefined) => aws.sageMaker.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
  const packageCount = async (model: string) =>
    (await aws.sageMaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: model, ModelPackageType: 'Versioned' })))
      .ModelPackageSummaryList?.length;
  /** The endpoint as the providers see it (through the wire server, which stands in for UpdateEndpoint). */
  const endpointSeen = async (endpointName: string) =>
    testSageMakerClient(aws.wire.endpoint).send(new DescribeEndpointCommand({ EndpointName: endpointName }));
  const objectText = async (key: string) =>
    (await aws.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString();

  /** The champion still serves: version 1 approved and champion, the endpoint on its config. */
  async function expectChampionUnchanged(l: Awaited<ReturnType<typeof loop>>): Promise<void> {
    expect((await l.registry.champion(l.model))?.version).toBe('1');
    const pkg = await describePackage(l.champion.ref);
    expect(pkg.ModelApprovalStatus).toBe('Approved');
    expect(pkg.CustomerMetadataProperties?.['driftwatch:status']).toBe('champion');
    const endpoint = await endpointSeen(l.endpointName);
    expect(endpoint).toMatchObject({ EndpointStatus: 'InService', EndpointConfigName: `${l.endpointName}-v1` });
    // moto itself never saw an update.
    const atMoto = await aws.sageMaker.send(new DescribeEndpointCommand({ EndpointName: l.endpointName }));
    expect(atMoto.EndpointConfigName).toBe(`${l.endpointName}-v1`);
  }

  /**
   * The package was created PendingManualApproval and no update changed its approval (the update leaves
   * ModelApprovalStatus out, which AWS keeps as it was; moto 5 clears it, so its stored value proves nothing).
   */
  function expectStillPending(calls: readonly SageMakerCall[], arn: string | undefined): void {
    const updates = calls.filter((c) => c.operation === 'UpdateModelPackage' && c.input.ModelPackageArn === arn);
    expect(updates.length).toBeGreaterThan(0);
    for (const update of updates) expect(update.input).not.toHaveProperty('ModelApprovalStatus');
    const create = calls.find((c) => c.operation === 'CreateModelPackage');
    expect(create?.input.ModelApprovalStatus).toBe('PendingManualApproval');
  }

  it('trains, registers, gates and deploys a new version over the champion, which is retired', async () => {
    const l = await loop('loop-happy');
    onUpdate.set(l.endpointName, (config) => [
      { EndpointStatus: 'Updating', EndpointConfigName: `${l.endpointName}-v1`, PendingDeploymentSummary: { EndpointConfigName: config } },
      { EndpointStatus: 'InService', EndpointConfigName: config },
    ]);

    const attempt = await l.orchestrator.start(decision(l.model));

    expect(attempt.state).toBe('deployed');
    expect(states(attempt)).toEqual(happyPath);
    expect(attempt.transitions.at(-1)?.reason).toBe('version 2 deployed with sagemaker-endpoint');
    expect(attempt.error).toBeUndefined();
    expect(await l.store.getAttempt(attempt.id)).toEqual(attempt);
    expect(attempt).toMatchObject({ challenger: '2', champion: '1', deployment: { previous: '1' } });
    expect(attempt.gate?.passed).toBe(true);
    expect(attempt.scores?.challenger.metrics.accuracy).toBe(1);

    // The training job: moto holds it, Completed, fed with the attempt's files uploaded to S3.
    const jobName = 'driftwatch-loop-happy-r1';
    expect(attempt.training).toMatchObject({ provider: 'sagemaker', jobId: jobName });
    const job = await aws.sageMaker.send(new DescribeTrainingJobCommand({ TrainingJobName: jobName }));
    expect(job.TrainingJobStatus).toBe('Completed');
    expect(job.HyperParameters).toMatchObject({ target: TARGET });
    const artifact = `s3://${BUCKET}/models/${jobName}/output/model.tar.gz`;
    expect(attempt.training?.artifactUri).toBe(artifact);
    const train = await objectText('inputs/loop-happy-r1/train/train.csv');
    expect(train).toBe(readFileSync(attempt.data!.trainUri, 'utf8'));
    expect(train.split('\n')[0]).not.toContain('customer_id');
    expect(train.split('\n')[0]).toContain(TARGET);
    // The holdout is the gate's alone: no validation channel unless data.validation asks for one.
    expect(job.InputDataConfig?.map((c) => c.ChannelName)).toEqual(['train']);
    expect(attempt.data).toMatchObject({ trainRows: 42, holdoutRows: 6 });

    // The new package was created pending approval, and approved only after the endpoint served it.
    const ops = l.calls();
    const create = ops.find((c) => c.operation === 'CreateModelPackage')!;
    expect(create.input).toMatchObject({ ModelPackageGroupName: l.model, ModelApprovalStatus: 'PendingManualApproval' });
    expect(create.input.InferenceSpecification.Containers[0].ModelDataUrl).toBe(artifact);
    const v2 = await l.registry.get(l.model, '2');
    const update = ops.findIndex((c) => c.operation === 'UpdateEndpoint');
    const approve = ops.findIndex((c) => c.operation === 'UpdateModelPackage' && c.input.ModelApprovalStatus === 'Approved');
    expect(ops[update]?.input).toEqual({ EndpointName: l.endpointName, EndpointConfigName: `${l.endpointName}-v2` });
    expect(ops[approve]?.input.ModelPackageArn).toBe(v2?.ref);
    expect(update).toBeLessThan(approve);

    const newPackage = await describePackage(v2?.ref);
    expect(newPackage.ModelApprovalStatus).toBe('Approved');
    // The package carries Model Monitor baselines of the version's training data (baselineUri), which
    // `reference: { from: champion }` reads once it serves.
    const baselineKey = `baselines/${l.model}/${attempt.key}`;
    expect(newPackage.DriftCheckBaselines?.ModelDataQuality).toEqual({
      Statistics: { ContentType: 'application/json', S3Uri: `s3://${BUCKET}/${baselineKey}/statistics.json` },
      Constraints: { ContentType: 'application/json', S3Uri: `s3://${BUCKET}/${baselineKey}/constraints.json` },
    });
    const baselineStats = parseModelMonitorFile('statistics', await objectText(`${baselineKey}/statistics.json`), 'statistics.json');
    expect(baselineStats.dataset.item_count).toBe(42);
    expect(baselineStats.features.map((f) => f.name)).toEqual(train.split('\n')[0]!.split(','));
    expect((await l.registry.champion(l.model))?.metadata.modelMonitorBaseline).toEqual({
      statistics: `s3://${BUCKET}/${baselineKey}/statistics.json`,
      constraints: `s3://${BUCKET}/${baselineKey}/constraints.json`,
    });
    expect(newPackage.CustomerMetadataProperties).toMatchObject({ 'driftwatch:status': 'champion', 'meta:attempt': attempt.id });
    // A retired champion keeps its approval, so it may serve again on rollback: the update leaves
    // ModelApprovalStatus out, which AWS keeps as it was (moto 5 clears it, so its stored value proves nothing).
    const retire = ops.filter((c) => c.operation === 'UpdateModelPackage' && c.input.ModelPackageArn === l.champion.ref);
    expect(retire).toHaveLength(1);
    expect(retire[0]?.input).not.toHaveProperty('ModelApprovalStatus');
    const oldPackage = await describePackage(l.champion.ref);
    expect(oldPackage.CustomerMetadataProperties).toMatchObject({
      'driftwatch:status': 'retired',
      'driftwatch:statusReason': 'replaced by version 2',
    });
    expect((await l.registry.champion(l.model))?.version).toBe('2');

    // The endpoint serves the new version's config, whose model holds the trained artifact.
    expect(await endpointSeen(l.endpointName)).toMatchObject({ EndpointStatus: 'InService', EndpointConfigName: `${l.endpointName}-v2` });
    const endpointConfig = await aws.sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: `${l.endpointName}-v2` }));
    expect(endpointConfig.ProductionVariants?.[0]?.ModelName).toBe(`${l.endpointName}-v2`);
    const servedModel = await aws.sageMaker.send(new DescribeModelCommand({ ModelName: `${l.endpointName}-v2` }));
    expect(servedModel.PrimaryContainer?.ModelDataUrl).toBe(artifact);
    expect(l.evaluator.calls.map((c) => c.version)).toEqual(['2', '1']);
  });

  it('never uploads a holdout row: the validation channel is split from the training rows, and no object the job reads holds a holdout row id', async () => {
    // customer_id stays in the files here (as a feature), so every row can be traced.
    const l = await loop('loop-noleak', { exclude: [], validation: { fraction: 0.1 } });
    onUpdate.set(l.endpointName, (config) => [{ EndpointStatus: 'InService', EndpointConfigName: config }]);

    const attempt = await l.orchestrator.start(decision(l.model));

    expect(attempt.state, attempt.error?.message).toBe('deployed');
    const ids = (csv: string) => {
      const [header, ...lines] = csv.trim().split('\n');
      const at = header!.split(',').indexOf('customer_id');
      expect(at).toBeGreaterThanOrEqual(0);
      return lines.map((line) => line.split(',')[at]);
    };
    const holdout = ids(readFileSync(attempt.data!.holdoutUri, 'utf8'));
    expect(holdout).toEqual(['2018', '2019', '2020', '2021', '2022', '2023']);
    const job = await aws.sageMaker.send(new DescribeTrainingJobCommand({ TrainingJobName: 'driftwatch-loop-noleak-r1' }));
    const channels = job.InputDataConfig ?? [];
    expect(channels.map((c) => c.ChannelName)).toEqual(['train', 'validation']);
    // Everything under each channel's S3 prefix is what the job reads.
    const uploaded: string[] = [];
    for (const channel of channels) {
      const uri = channel.DataSource!.S3DataSource!.S3Uri!;
      const prefix = uri.replace(`s3://${BUCKET}/`, '');
      const listed = await aws.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
      for (const object of listed.Contents ?? []) uploaded.push(...ids(await objectText(object.Key!)));
    }
    expect(uploaded.filter((id) => holdout.includes(id))).toEqual([]);
    // 42 training rows: the last round(0.1 × 42) = 4 validate, the other 38 train; together every non-holdout row.
    expect(attempt.data).toMatchObject({ trainRows: 38, validationRows: 4, holdoutRows: 6 });
    expect(uploaded).toHaveLength(42);
    expect(await objectText('inputs/loop-noleak-r1/validation/validation.csv')).toBe(readFileSync(attempt.data!.validationUri!, 'utf8'));
  });

  it('fails the attempt with the FailureReason of a Failed training job, registering nothing', async () => {
    const l = await loop('loop-trainfail');
    const failure = 'AlgorithmError: ExecuteUserScriptError: column churned has NaN';
    jobScripts.set('driftwatch-loop-trainfail-r1', { body: { TrainingJobStatus: 'Failed', FailureReason: failure }, created: false });

    const attempt = await l.orchestrator.start(decision(l.model));

    expect(attempt.state).toBe('failed');
    expect(states(attempt)).toEqual(['triggered', 'collecting', 'training', 'failed']);
    expect(attempt.error?.code).toBe('PROVIDER_FAILED');
    expect(attempt.error?.message).toContain(failure);
    expect(attempt.transitions.at(-1)?.reason).toBe(`training job driftwatch-loop-trainfail-r1 failed: ${failure}`);
    expect(attempt.challenger).toBeUndefined();
    // The job was really created (data uploaded), then ended Failed.
    expect(l.calls().filter((c) => c.operation === 'CreateTrainingJob')).toHaveLength(1);
    expect(await objectText('inputs/loop-trainfail-r1/train/train.csv')).toBe(readFileSync(attempt.data!.trainUri, 'utf8'));

    expect(await packageCount(l.model)).toBe(1);
    expect(l.calls().map((c) => c.operation)).not.toContain('CreateModelPackage');
    expect(l.calls().map((c) => c.operation)).not.toContain('UpdateEndpoint');
    expect(l.evaluator.calls).toEqual([]);
    await expectChampionUnchanged(l);
  });

  it('ends deploy-failed when SageMaker rolls the endpoint update back: the challenger is not Rejected', async () => {
    const l = await loop('loop-rollback');
    const failure = 'The primary container for production variant AllTraffic did not pass the ping health check.';
    onUpdate.set(l.endpointName, (config) => [
      { EndpointStatus: 'Updating', EndpointConfigName: `${l.endpointName}-v1`, PendingDeploymentSummary: { EndpointConfigName: config } },
      { EndpointStatus: 'InService', EndpointConfigName: `${l.endpointName}-v1`, FailureReason: failure },
    ]);

    const attempt = await l.orchestrator.start(decision(l.model));

    expect(attempt.state).toBe('deploy-failed');
    expect(states(attempt)).toEqual([...happyPath.slice(0, -1), 'deploy-failed']);
    expect(attempt.error?.code).toBe('DEPLOY_FAILED');
    expect(attempt.error?.message).toContain('deploying version 2 failed');
    expect(attempt.error?.message).toContain(`back InService with ${l.endpointName}-v1, not ${l.endpointName}-v2`);
    expect(attempt.error?.message).toContain(failure);
    expect(attempt.transitions.at(-1)?.reason).toBe(attempt.error?.message);
    expect(attempt.deployment).toBeUndefined();
    expect(
      l
        .calls()
        .filter((c) => c.operation === 'UpdateEndpoint')
        .map((c) => c.input.EndpointConfigName),
    ).toEqual([`${l.endpointName}-v2`]);

    const challenger = await l.registry.get(l.model, '2');
    // The reason is cut to SageMaker's 256 characters per property.
    expect(challenger?.status).toBe('deploy-failed');
    expect(attempt.error?.message.startsWith(challenger?.statusReason?.slice(0, -1) ?? '-')).toBe(true);
    expect((await describePackage(challenger?.ref)).CustomerMetadataProperties?.['driftwatch:status']).toBe('deploy-failed');
    expectStillPending(l.calls(), challenger?.ref);
    expect(l.calls().some((c) => c.operation === 'UpdateModelPackage' && c.input.ModelApprovalStatus === 'Approved')).toBe(false);
    await expectChampionUnchanged(l);
  });

  it('ends deploy-failed when UpdateEndpoint itself fails; promoting the version later deploys and approves it', async () => {
    const l = await loop('loop-depfail');
    // The endpoint went away between DescribeEndpoint and UpdateEndpoint: AWS answers a ValidationException.
    const arn = `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${l.endpointName}`;
    updateErrors.set(l.endpointName, { error: 'ValidationException', message: `Could not find endpoint "${arn}".` });

    const attempt = await l.orchestrator.start(decision(l.model));

    expect(attempt.state).toBe('deploy-failed');
    expect(states(attempt)).toEqual([...happyPath.slice(0, -1), 'deploy-failed']);
    expect(attempt.gate?.passed).toBe(true);
    expect(attempt.error?.code).toBe('DEPLOY_FAILED');
    expect(attempt.error?.message).toContain('UpdateEndpoint');
    expect(attempt.error?.message).toContain('Could not find endpoint');
    expect(attempt.error?.message).toContain(`retry with: driftwatch models promote ${l.model}-monitor 2`);
    const v2 = await l.registry.get(l.model, '2');
    expect(v2?.status).toBe('deploy-failed');
    expectStillPending(l.calls(), v2?.ref);
    await expectChampionUnchanged(l);
    expect(await l.store.getAttempt(attempt.id)).toEqual(attempt);

    // Fixed: what `models promote` does — deploy through the deployer, then make it champion.
    updateErrors.delete(l.endpointName);
    onUpdate.set(l.endpointName, (config) => [{ EndpointStatus: 'InService', EndpointConfigName: config }]);
    expect(await l.deployer.deploy(v2!, { previous: l.champion })).toEqual({ status: 'deployed' });
    await l.registry.setStatus(l.model, '2', 'champion', 'promoted by hand');
    expect((await describePackage(v2?.ref)).ModelApprovalStatus).toBe('Approved');
    expect((await l.registry.champion(l.model))?.version).toBe('2');
  });

  it('stops a training job still running at the deadline and fails the attempt as timed out', async () => {
    const l = await loop('loop-timeout');
    const jobName = 'driftwatch-loop-timeout-r1';
    jobScripts.set(jobName, { body: { TrainingJobStatus: 'InProgress', SecondaryStatus: 'Training' }, created: false });
    const started = l.clock.ms;

    const attempt = await l.orchestrator.start(decision(l.model));

    expect(attempt.state).toBe('failed');
    expect(states(attempt)).toEqual(['triggered', 'collecting', 'training', 'failed']);
    expect(attempt.error).toEqual({ code: 'PROVIDER_FAILED', message: 'training timed out after 1h' });
    expect(attempt.transitions.at(-1)?.reason).toBe('training timed out after 1h');
    // Polls every 5m, doubling up to 20m, the last wait cut at the deadline; no real time passed.
    expect(l.clock.sleeps).toEqual([300_000, 600_000, 1_200_000, 1_200_000, 300_000]);
    expect(l.clock.ms - started).toBe(3_600_000);
    const jobCalls = l.calls().filter((c) => c.input.TrainingJobName === jobName);
    expect(jobCalls.map((c) => c.operation)).toEqual([
      'DescribeTrainingJob',
      'CreateTrainingJob',
      ...Array<string>(6).fill('DescribeTrainingJob'),
      'StopTrainingJob',
    ]);
    expect(jobCalls.at(-1)?.input).toEqual({ TrainingJobName: jobName });

    expect(await packageCount(l.model)).toBe(1);
    expect(l.calls().map((c) => c.operation)).not.toContain('CreateModelPackage');
    expect(l.evaluator.calls).toEqual([]);
    await expectChampionUnchanged(l);
  });
});
