import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ListModelsCommand } from '@aws-sdk/client-sagemaker';
import { type EvaluationSet, exitStatusFor, type ModelVersion, ProviderError } from '@driftwatch/core';
import { csvLine, splitCsvLine } from '@driftwatch/data';
import { retrainingConfigSchema, validationGate } from '@driftwatch/retraining';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithMoto } from '../__tests__/describeWithMoto.js';
import { noRetry, testSageMakerClient } from '../__tests__/testClients.js';
import { sageMakerBatchEvaluatorOptions } from '../options/sageMakerBatchEvaluatorOptions.js';
import { SageMakerBatchEvaluator } from './SageMakerBatchEvaluator.js';

interface Reference {
  readonly modelClasses: string[];
  readonly columns: string[];
  readonly target: string;
  readonly rows: Record<string, string | number>[];
  readonly champion: { probabilities: number[][]; expected: Record<string, number> };
  readonly challenger: { probabilities: number[][]; expected: Record<string, number> };
}

/** Probabilities and scikit-learn's metrics, from scripts/reference/gen_endpoint_evaluator.py. */
const ref = JSON.parse(readFileSync(new URL('./__fixtures__/endpoint-evaluator-reference.json', import.meta.url), 'utf8')) as Reference;
const BUCKET = 'batch-eval';
const ROLE = 'arn:aws:iam::123456789012:role/SageMakerServe';
const labels = ref.rows.map((r) => String(r[ref.target]));
/** A sent row (x1, x2, note) → its index in the fixture: the fake container answers by content, not by position. */
const rowIndex = new Map(ref.rows.map((r, i) => [csvLine([String(r.x1), String(r.x2), String(r.note)]).trimEnd(), i]));

const version = (v: string): ModelVersion => ({
  model: 'tiers',
  version: v,
  artifactUri: `s3://models/tiers/${v}/model.tar.gz`,
  status: 'candidate',
  createdAt: '2026-12-07T00:00:00Z',
  metadata: {},
});

describeWithMoto('the sagemaker-batch evaluator (moto)', (aws) => {
  let dir: string;
  let set: EvaluationSet;
  /** What the fake inference container does with a job, by version (found in the job name). */
  const behaviour = new Map<string, 'challenger' | 'champion' | 'short' | 'fail' | 'hang'>();
  /** Output work of the fake container per job: DescribeTransformJob says InProgress until it is done. */
  const jobs = new Map<string, { done: boolean; work: Promise<void> }>();
  const created: Record<string, any>[] = [];

  const behaviourOf = (job: string) => behaviour.get(/-v(\d+)-/.exec(job)?.[1] ?? '');

  /** Plays the inference container of a transform job: reads the input object, writes `<name>.out` a line per row. */
  async function runContainer(input: Record<string, any>): Promise<void> {
    const uri: string = input.TransformInput.DataSource.S3DataSource.S3Uri;
    const [, bucket, key] = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri)!;
    const got = await aws.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const lines = (await got.Body!.transformToString()).split('\n').filter((l) => l !== '');
    const who = behaviourOf(input.TransformJobName) === 'champion' ? 'champion' : 'challenger';
    const jsonl = input.TransformOutput.Accept === 'application/jsonlines';
    let out = lines.map((line) => {
      const p = ref[who].probabilities[rowIndex.get(line)!]!;
      return jsonl ? JSON.stringify({ probabilities: p, labels: ref.modelClasses }) : p.join(',');
    });
    if (behaviourOf(input.TransformJobName) === 'short') out = out.slice(1);
    const [, outBucket, outKey] = /^s3:\/\/([^/]+)\/(.*)$/.exec(input.TransformOutput.S3OutputPath)!;
    const name = key!.split('/').pop();
    await aws.s3.send(new PutObjectCommand({ Bucket: outBucket, Key: `${outKey}/${name}.out`, Body: `${out.join('\n')}\n` }));
  }

  aws.useWire(({ operation, input }) => {
    const name: string = input.TransformJobName ?? '';
    if (operation === 'CreateTransformJob') {
      created.push(input);
      const job = { done: false, work: Promise.resolve() };
      if (behaviourOf(name) !== 'hang' && behaviourOf(name) !== 'fail')
        job.work = runContainer(input).then(() => {
          job.done = true;
        });
      jobs.set(name, job);
      return undefined;
    }
    if (operation === 'StopTransformJob') return { body: {} };
    if (operation === 'DescribeTransformJob' && jobs.has(name)) {
      if (behaviourOf(name) === 'fail')
        return {
          body: { TransformJobName: name, TransformJobStatus: 'Failed', FailureReason: 'ClientError: See job logs for more information' },
        };
      if (!jobs.get(name)!.done) return { body: { TransformJobName: name, TransformJobStatus: 'InProgress' } };
    }
    return undefined;
  });

  beforeAll(async () => {
    await aws.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    dir = mkdtempSync(join(tmpdir(), 'dw-sm-batch-'));
    const uri = join(dir, 'holdout.csv');
    writeFileSync(uri, [csvLine(ref.columns), ...ref.rows.map((r) => csvLine(ref.columns.map((c) => String(r[c]))))].join(''));
    set = { uri, rows: ref.rows.length, target: ref.target };
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function evaluator(options: Record<string, unknown> = {}) {
    let ms = Date.parse('2026-12-07T02:00:00Z');
    const sleeps: number[] = [];
    // A poll waits for the fake container's work instead of the clock.
    const sleep = async (d: number) => {
      sleeps.push(d);
      ms += d;
      await Promise.all([...jobs.values()].map((j) => j.work));
    };
    const e = new SageMakerBatchEvaluator(
      testSageMakerClient(aws.wire.endpoint),
      aws.s3,
      sageMakerBatchEvaluatorOptions.parse({
        ...noRetry,
        roleArn: ROLE,
        image: 'serve:1',
        workUri: `s3://${BUCKET}/eval`,
        classes: ref.modelClasses,
        dropColumns: ['id'],
        ...options,
      }),
      { sleep, now: () => ms },
    );
    return { e, sleeps };
  }

  const modelsLeft = async () => ((await aws.sageMaker.send(new ListModelsCommand({}))).Models ?? []).map((m) => m.ModelName);

  it('gates a multiclass challenger scored by transform jobs, answers joined back by row, as scikit-learn scores them', async () => {
    behaviour.set('2', 'challenger');
    behaviour.set('1', 'champion');
    const { e } = evaluator();
    const challenger = await e.predict(version('2'), set);
    const champion = await e.predict(version('1'), set);

    expect(created).toHaveLength(2);
    const job = created[0]!;
    expect(job).toMatchObject({
      ModelName: job.TransformJobName,
      BatchStrategy: 'MultiRecord',
      MaxPayloadInMB: 6,
      TransformInput: { ContentType: 'text/csv', SplitType: 'Line', CompressionType: 'None' },
      TransformOutput: { Accept: 'text/csv', AssembleWith: 'Line' },
      TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 1 },
    });
    expect(job.TransformJobName).toMatch(/^driftwatch-eval-tiers-v2-[0-9a-f]{8}$/);
    // The input object: the rows without the label or the id, no header.
    const sentUri: string = job.TransformInput.DataSource.S3DataSource.S3Uri;
    expect(sentUri).toBe(`s3://${BUCKET}/eval/${job.TransformJobName}/input/holdout.csv`);
    const sent = await aws.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: sentUri.slice(`s3://${BUCKET}/`.length) }));
    const sentText = await sent.Body!.transformToString();
    expect(
      sentText
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => splitCsvLine(l).length),
    ).toEqual(ref.rows.map(() => 3));
    expect(sentText).not.toMatch(/bronze|gold|silver|5000/);
    expect(aws.wire.operations().filter((o) => o === 'DeleteModel')).toHaveLength(2);
    expect(await modelsLeft()).toEqual([]);

    const gate = retrainingConfigSchema.parse({
      trainer: { type: 't' },
      evaluator: { type: 'sagemaker-batch' },
      gate: { metric: 'log_loss', maxLoss: 0, floors: { roc_auc: 0.9 }, metrics: ['roc_auc:weighted', 'accuracy'] },
    }).gate;
    const result = validationGate({
      gate,
      task: 'classification',
      labels,
      champion: { version: '1', predictions: champion },
      challenger: { version: '2', predictions: challenger },
    });
    for (const [who, scores] of [
      ['champion', result.scores.champion],
      ['challenger', result.scores.challenger],
    ] as const)
      for (const [metric, expected] of Object.entries(ref[who].expected)) {
        const actual = scores?.metrics[metric] as number;
        expect(Math.abs(actual - expected), `${who} ${metric}: ${actual} vs scikit-learn ${expected}`).toBeLessThanOrEqual(1e-12);
      }
    expect(result.decision).toMatchObject({ passed: true, metric: 'log_loss', higherIsBetter: false });
    expect(result.decision.gain).toBeCloseTo(ref.champion.expected.log_loss - ref.challenger.expected.log_loss, 12);
  });

  it('finds the job of a resumed attempt instead of starting another, and reads JSON Lines answers', async () => {
    behaviour.set('3', 'challenger');
    const first = await evaluator({ accept: 'application/jsonlines' }).e.predict(version('3'), set);
    const before = aws.wire.calls.length;
    const again = await evaluator({ accept: 'application/jsonlines' }).e.predict(version('3'), set);
    expect(again).toEqual(first);
    expect(aws.wire.operations().slice(before)).toEqual(['DescribeTransformJob', 'DescribeTransformJob', 'DeleteModel']);
    expect(first.classes).toEqual(ref.modelClasses);
    expect(first.labels).toHaveLength(ref.rows.length);
  });

  it('reports a failed job, a missing answer line and a job past its deadline (stopped), exit 4, the model deleted', async () => {
    behaviour.set('8', 'fail');
    const failed = await evaluator()
      .e.predict(version('8'), set)
      .catch((x: unknown) => x);
    expect(failed).toBeInstanceOf(ProviderError);
    expect((failed as Error).message).toMatch(
      /^sagemaker-batch DescribeTransformJob: transform job driftwatch-eval-tiers-v8-[0-9a-f]{8} is Failed: ClientError: See job logs for more information$/,
    );
    expect(exitStatusFor(failed)).toBe(4);

    behaviour.set('10', 'short');
    const short = await evaluator()
      .e.predict(version('10'), set)
      .catch((x: unknown) => x);
    expect((short as Error).message).toMatch(
      /^sagemaker-batch GetObject: transform job driftwatch-eval-tiers-v10-\w{8} \(s3:\/\/batch-eval\/eval\/driftwatch-eval-tiers-v10-\w{8}\/output\/holdout\.csv\.out\): 89 answer lines for 90 holdout rows$/,
    );

    behaviour.set('9', 'hang');
    const { e, sleeps } = evaluator({ waitTimeout: '2m', pollInterval: '30s' });
    const late = await e.predict(version('9'), set).catch((x: unknown) => x);
    expect((late as Error).message).toMatch(
      /^sagemaker-batch DescribeTransformJob: transform job driftwatch-eval-tiers-v9-\w{8} not done after 2m \(still InProgress\); stopped it$/,
    );
    expect(sleeps).toEqual([30_000, 45_000, 45_000]);
    expect(aws.wire.operations()).toContain('StopTransformJob');
    expect(await modelsLeft()).toEqual([]);
  });
});
