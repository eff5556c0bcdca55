import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelsCommand,
} from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { type EvaluationSet, exitStatusFor, InputError, type ModelVersion, ProviderError } from '@driftwatch/core';
import { csvLine } from '@driftwatch/data';
import { retrainingConfigSchema, validationGate } from '@driftwatch/retraining';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeWithMoto } from '../__tests__/describeWithMoto.js';
import { type InvokeCall, type InvokeReply, type RuntimeWireProxy, startRuntimeWireProxy } from '../__tests__/runtimeWireProxy.js';
import { noRetry, testSageMakerClient } from '../__tests__/testClients.js';
import { sageMakerEvaluatorOptions } from '../options/sageMakerEvaluatorOptions.js';
import { sageMakerRegistryOptions } from '../options/sageMakerRegistryOptions.js';
import { SageMakerModelRegistry } from '../registry/SageMakerModelRegistry.js';
import { SageMakerEndpointEvaluator } from './SageMakerEndpointEvaluator.js';

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
const ROLE = 'arn:aws:iam::123456789012:role/SageMakerServe';
const labels = ref.rows.map((r) => String(r[ref.target]));

/** The model's answer for rows [from, to): CSV lines of probabilities in the model's column order. */
const csvAnswer = (probabilities: number[][], from: number, to: number) =>
  probabilities
    .slice(from, to)
    .map((p) => p.join(','))
    .join('\n');

/** The same as JSON Lines objects naming their classes, with the argmax class as predicted_label. */
const jsonLinesAnswer = (probabilities: number[][], from: number, to: number) =>
  probabilities
    .slice(from, to)
    .map((p) =>
      JSON.stringify({ predicted_label: ref.modelClasses[p.indexOf(Math.max(...p))], probabilities: p, labels: ref.modelClasses }),
    )
    .join('\n');

/** A test clock: `sleep` moves it and records the waits. */
function fakeClock() {
  let ms = Date.parse('2026-12-07T02:00:00Z');
  const sleeps: number[] = [];
  const sleep = async (d: number): Promise<void> => {
    sleeps.push(d);
    ms += d;
  };
  return { sleeps, now: () => ms, sleep };
}

describeWithMoto('the sagemaker-endpoint evaluator (moto)', (aws) => {
  let dir: string;
  let set: EvaluationSet;
  let proxy: RuntimeWireProxy;
  let reply: (call: InvokeCall, index: number) => InvokeReply | undefined = () => undefined;
  /** DescribeEndpoint answers for temporary endpoints, by name (moto's endpoints are InService at once). */
  const describeScripts = new Map<string, object>();

  aws.useWire(({ operation, input }) => {
    const scripted = operation === 'DescribeEndpoint' ? describeScripts.get(input.EndpointName) : undefined;
    return scripted ? { body: { EndpointName: input.EndpointName, ...scripted } } : undefined;
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dw-sm-eval-'));
    const uri = join(dir, 'holdout.csv');
    writeFileSync(uri, [csvLine(ref.columns), ...ref.rows.map((r) => csvLine(ref.columns.map((c) => String(r[c]))))].join(''));
    set = { uri, rows: ref.rows.length, target: ref.target };
    proxy = await startRuntimeWireProxy(aws.moto.endpoint, (call, index) => reply(call, index));
  });
  afterAll(async () => {
    await proxy?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    proxy.calls.length = 0;
    reply = () => undefined;
    describeScripts.clear();
  });

  /** Queues InvokeEndpoint answers in moto: each new request takes the next one. */
  async function queueMotoResults(results: { Body: string; ContentType: string }[]): Promise<void> {
    const res = await fetch(`${aws.moto.endpoint}/moto-api/static/sagemaker/endpoint-results`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ results }),
    });
    expect(res.status).toBe(201);
  }

  function evaluator(options: Record<string, unknown>, clock = fakeClock()) {
    const runtime = new SageMakerRuntimeClient({
      endpoint: proxy.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
      maxAttempts: 1,
    });
    return new SageMakerEndpointEvaluator(
      testSageMakerClient(aws.wire.endpoint),
      runtime,
      sageMakerEvaluatorOptions.parse({ ...noRetry, ...options }),
      { sleep: clock.sleep, now: clock.now, random: () => 0.5 },
    );
  }

  async function leftovers(): Promise<string[]> {
    const [e, c, m] = await Promise.all([
      aws.sageMaker.send(new ListEndpointsCommand({})),
      aws.sageMaker.send(new ListEndpointConfigsCommand({})),
      aws.sageMaker.send(new ListModelsCommand({})),
    ]);
    return [
      ...(e.Endpoints ?? []).map((x) => `endpoint ${x.EndpointName}`),
      ...(c.EndpointConfigs ?? []).map((x) => `config ${x.EndpointConfigName}`),
      ...(m.Models ?? []).map((x) => `model ${x.ModelName}`),
    ].filter((name) => name.includes('driftwatch-eval-'));
  }

  /** An endpoint someone else runs, serving `artifactUri` (model and config named after it). */
  async function serving(endpoint: string, artifactUri: string): Promise<void> {
    await aws.sageMaker.send(
      new CreateModelCommand({
        ModelName: endpoint,
        ExecutionRoleArn: ROLE,
        PrimaryContainer: { Image: 'serve:1', ModelDataUrl: artifactUri },
      }),
    );
    await aws.sageMaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: endpoint,
        ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: endpoint, InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }],
      }),
    );
    await aws.sageMaker.send(new CreateEndpointCommand({ EndpointName: endpoint, EndpointConfigName: endpoint }));
  }

  const version = (v: string): ModelVersion => ({
    model: 'tiers',
    version: v,
    artifactUri: `s3://models/tiers/${v}/model.tar.gz`,
    status: 'candidate',
    createdAt: '2026-12-07T00:00:00Z',
    metadata: {},
  });

  it('gates a multiclass challenger on ROC AUC and log loss from per-class probabilities, as scikit-learn scores them', async () => {
    const registry = new SageMakerModelRegistry(
      testSageMakerClient(aws.wire.endpoint),
      sageMakerRegistryOptions.parse({ image: 'serve:1', ...noRetry }),
    );
    const champion = await registry.register({ model: 'tiers', artifactUri: 's3://models/tiers/1/model.tar.gz', metadata: {} });
    const challenger = await registry.register({ model: 'tiers', artifactUri: 's3://models/tiers/2/model.tar.gz', metadata: {} });
    // 90 rows in requests of 40: the challenger answers CSV, the champion JSON Lines naming its classes.
    const e = evaluator({ roleArn: ROLE, image: 'serve:1', classes: ref.modelClasses, dropColumns: ['id'], maxRowsPerRequest: 40 });
    await queueMotoResults(
      [0, 40, 80].map((from) => ({ Body: csvAnswer(ref.challenger.probabilities, from, from + 40), ContentType: 'text/csv' })),
    );
    const challengerPredictions = await e.predict(challenger, set);
    // moto 5.2.1 keys a configured answer by the request's body and headers, not by its endpoint: the
    // champion's requests, equal to the challenger's, would get the challenger's answers back. Reset it.
    expect((await fetch(`${aws.moto.endpoint}/moto-api/reset`, { method: 'POST' })).status).toBe(200);
    await queueMotoResults(
      [0, 40, 80].map((from) => ({
        Body: jsonLinesAnswer(ref.champion.probabilities, from, from + 40),
        ContentType: 'application/jsonlines',
      })),
    );
    const championPredictions = await e.predict(champion, set);

    // Each version on its own temporary endpoint, the label and the id never sent, rows in order.
    expect(proxy.calls.map((c) => [c.endpoint, c.body.split('\n').length - 1])).toEqual([
      ['driftwatch-eval-tiers-v2', 40],
      ['driftwatch-eval-tiers-v2', 40],
      ['driftwatch-eval-tiers-v2', 10],
      ['driftwatch-eval-tiers-v1', 40],
      ['driftwatch-eval-tiers-v1', 40],
      ['driftwatch-eval-tiers-v1', 10],
    ]);
    const sent = proxy.calls
      .slice(0, 3)
      .map((c) => c.body)
      .join('');
    expect(sent).toBe(ref.rows.map((r) => csvLine([String(r.x1), String(r.x2), String(r.note)])).join(''));
    expect(sent).not.toMatch(/bronze|gold|silver|5000/);
    expect(proxy.calls.every((c) => c.contentType === 'text/csv' && c.accept === 'text/csv')).toBe(true);
    // Created, used and deleted.
    const ops = aws.wire.operations().filter((o) => /Endpoint|Model$/.test(o) && !o.includes('Package'));
    expect(ops.slice(0, 7)).toEqual([
      'CreateModel',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'DescribeEndpoint',
      'DeleteEndpoint',
      'DeleteEndpointConfig',
      'DeleteModel',
    ]);
    expect(await leftovers()).toEqual([]);

    expect(challengerPredictions.classes).toEqual(ref.modelClasses);
    const gate = retrainingConfigSchema.parse({
      trainer: { type: 't' },
      evaluator: { type: 'sagemaker-endpoint' },
      gate: { metric: 'roc_auc', minGain: 0.05, floors: { log_loss: 0.6 }, metrics: ['roc_auc:weighted', 'accuracy'] },
    }).gate;
    const result = validationGate({
      gate,
      task: 'classification',
      labels,
      champion: { version: champion.version, predictions: championPredictions },
      challenger: { version: challenger.version, predictions: challengerPredictions },
    });
    for (const who of ['champion', 'challenger'] as const)
      for (const [metric, expected] of Object.entries(ref[who].expected)) {
        const actual = result.scores[who]?.metrics[metric];
        expect(Math.abs((actual as number) - expected), `${who} ${metric}: ${actual} vs scikit-learn ${expected}`).toBeLessThanOrEqual(
          1e-12,
        );
      }
    expect(result.decision).toMatchObject({ passed: true, metric: 'roc_auc', higherIsBetter: true });
    expect(result.decision.gain).toBeCloseTo(ref.challenger.expected.roc_auc - ref.champion.expected.roc_auc, 12);
    expect(result.decision.floors).toEqual([
      { metric: 'log_loss', bound: 0.6, value: result.scores.challenger.metrics.log_loss, passed: true },
    ]);

    // The champion judged as a challenger fails the log-loss ceiling.
    const reversed = validationGate({
      gate,
      task: 'classification',
      labels,
      champion: { version: challenger.version, predictions: challengerPredictions },
      challenger: { version: champion.version, predictions: championPredictions },
    });
    expect(reversed.decision.passed).toBe(false);
    expect(reversed.decision.reasons.join('\n')).toMatch(/floor log_loss: 0\.89\d+ > 0\.6 \(ceiling\)/);
  });

  it('invokes an existing endpoint named per version, creating nothing, within the payload limit', async () => {
    // The proxy answers: a label per row sent (the holdout's own), so the sizes decide the batches.
    await serving('tiers-v7', version('7').artifactUri);
    const before = aws.wire.calls.length;
    let next = 0;
    reply = (call) => {
      const n = call.body.split('\n').length - 1;
      const body = labels.slice(next, next + n).join('\n');
      next += n;
      return { body, contentType: 'text/csv; charset=utf-8' };
    };
    const e = evaluator({ endpointName: '{model}-v{version}', dropColumns: ['id'], maxPayloadBytes: 300 });
    const p = await e.predict(version('7'), set);
    expect(p.labels).toEqual(labels);
    expect(p.probabilities).toBeUndefined();
    expect(new Set(proxy.calls.map((c) => c.endpoint))).toEqual(new Set(['tiers-v7']));
    expect(proxy.calls.length).toBeGreaterThan(8);
    expect(Math.max(...proxy.calls.map((c) => Buffer.byteLength(c.body)))).toBeLessThanOrEqual(300);
    expect(proxy.calls.map((c) => c.body).join('')).toBe(
      ref.rows.map((r) => csvLine([String(r.x1), String(r.x2), String(r.note)])).join(''),
    );
    // Only the check that the endpoint serves version 7: nothing created, nothing deleted.
    expect(aws.wire.operations().slice(before)).toEqual(['DescribeEndpoint', 'DescribeEndpointConfig', 'DescribeModel']);
    expect(await leftovers()).toEqual([]);

    const tiny = evaluator({ endpointName: 'fixed', maxPayloadBytes: 10 });
    const error = await tiny.predict(version('7'), set).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      /holdout\.csv: row 1 is \d+ bytes as CSV, more than the 10 bytes one InvokeEndpoint request may carry/,
    );
    expect(exitStatusFor(error)).toBe(2);
  });

  it('retries throttling, and reports a model error naming the endpoint and rows (exit 4); the temporary endpoint is deleted, on abort too', async () => {
    const clock = fakeClock();
    await serving('tiers-live', version('3').artifactUri);
    reply = (call, index) =>
      index < 2
        ? { error: 'ThrottlingException', message: 'Rate exceeded', status: 400 }
        : { body: labels.slice(0, call.body.split('\n').length - 1).join('\n'), contentType: 'text/csv' };
    const e = evaluator(
      { endpointName: 'tiers-live', maxAttempts: 3, retryBaseDelayMs: 200, retryMaxDelayMs: 20_000, maxRowsPerRequest: 100 },
      clock,
    );
    expect((await e.predict(version('3'), set)).labels).toEqual(labels);
    expect(proxy.calls.length).toBe(3);
    expect(clock.sleeps).toEqual([100, 200]);

    proxy.calls.length = 0;
    reply = (_call, index) =>
      index === 1
        ? {
            error: 'ModelError',
            message: 'Received client error (400) from primary with message "could not convert string to float"',
            status: 424,
            fields: { OriginalStatusCode: 400 },
          }
        : { body: labels.slice(0, 40).join('\n'), contentType: 'text/csv' };
    const failing = evaluator({ roleArn: ROLE, image: 'serve:1', maxAttempts: 3, maxRowsPerRequest: 40 });
    const error = await failing.predict(version('4'), set).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toBe(
      'sagemaker-endpoint InvokeEndpoint: endpoint driftwatch-eval-tiers-v4, rows 41–80 of 90: ModelError: Received client error (400) from primary with message "could not convert string to float" (HTTP 424)',
    );
    expect(exitStatusFor(error)).toBe(4);
    expect(proxy.calls.length).toBe(2);
    expect(await leftovers()).toEqual([]);

    // Stopped (SIGTERM) after the first answer: no further request, and the temporary endpoint is deleted all the same.
    proxy.calls.length = 0;
    const stop = new AbortController();
    reply = (call) => {
      stop.abort(new Error('SIGTERM'));
      return { body: labels.slice(0, call.body.split('\n').length - 1).join('\n'), contentType: 'text/csv' };
    };
    const stopped = await evaluator({ roleArn: ROLE, image: 'serve:1', maxRowsPerRequest: 40 })
      .predict(version('11'), set, { signal: stop.signal })
      .catch((x: unknown) => x);
    expect((stopped as Error).message).toBe('SIGTERM');
    expect(proxy.calls.length).toBe(1);
    expect(aws.wire.operations().slice(-3)).toEqual(['DeleteEndpoint', 'DeleteEndpointConfig', 'DeleteModel']);
    expect(await leftovers()).toEqual([]);
  });

  it('reports an endpoint that never comes InService, one that is missing or serves another version, and deletes what it created', async () => {
    describeScripts.set('driftwatch-eval-tiers-v5', {
      EndpointStatus: 'Failed',
      FailureReason: 'The primary container did not pass the ping health check.',
    });
    const e = evaluator({ roleArn: ROLE, image: 'serve:1' });
    const failed = await e.predict(version('5'), set).catch((x: unknown) => x);
    expect((failed as Error).message).toBe(
      'sagemaker-endpoint DescribeEndpoint: temporary endpoint driftwatch-eval-tiers-v5 is Failed: The primary container did not pass the ping health check.',
    );
    expect(exitStatusFor(failed)).toBe(4);
    expect(proxy.calls).toEqual([]);
    expect(await leftovers()).toEqual([]);

    describeScripts.set('driftwatch-eval-tiers-v6', { EndpointStatus: 'Creating' });
    const clock = fakeClock();
    const slow = evaluator({ roleArn: ROLE, image: 'serve:1', waitTimeout: '1m', pollInterval: '10s' }, clock);
    const late = await slow.predict(version('6'), set).catch((x: unknown) => x);
    expect((late as Error).message).toBe(
      'sagemaker-endpoint DescribeEndpoint: temporary endpoint driftwatch-eval-tiers-v6 not InService after 1m (still Creating)',
    );
    expect(clock.sleeps).toEqual([10_000, 15_000, 22_500, 12_500]);
    expect(await leftovers()).toEqual([]);

    // An existing endpoint: one that is not there, one serving another version, one AWS does not know past the check.
    const absent = await evaluator({ endpointName: 'churn-{version}' })
      .predict(version('9'), set)
      .catch((x: unknown) => x);
    expect((absent as Error).message).toBe('sagemaker-endpoint DescribeEndpoint: endpoint churn-9 does not exist');
    expect(exitStatusFor(absent)).toBe(4);
    const wrong = await evaluator({ endpointName: 'tiers-live' })
      .predict(version('4'), set)
      .catch((x: unknown) => x);
    expect((wrong as Error).message).toBe(
      "sagemaker-endpoint DescribeModel: endpoint tiers-live serves s3://models/tiers/3/model.tar.gz (model tiers-live, variant AllTraffic), not version 4 of tiers (s3://models/tiers/4/model.tar.gz); name each version's endpoint with {version}, or set checkModel: false",
    );
    expect(proxy.calls).toEqual([]);
    reply = (call) => ({ error: 'ValidationError', message: `Endpoint ${call.endpoint} of account 123456789012 not found.`, status: 400 });
    const missing = await evaluator({ endpointName: 'churn-{version}', checkModel: false })
      .predict(version('9'), set)
      .catch((x: unknown) => x);
    expect((missing as Error).message).toBe(
      'sagemaker-endpoint InvokeEndpoint: endpoint churn-9, rows 1–90 of 90: ValidationError: Endpoint churn-9 of account 123456789012 not found. (HTTP 400)',
    );
    expect(exitStatusFor(missing)).toBe(4);
  });
});

describe('sagemaker-endpoint evaluator options', () => {
  it('needs roleArn and image for a temporary endpoint, neither with endpointName', () => {
    const r = sageMakerEvaluatorOptions.safeParse({ classes: ['a'] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'classes: Too small: expected array to have >=2 items',
      'roleArn: required without endpointName (the temporary endpoint’s model runs as it)',
      'image: required without endpointName (the temporary endpoint’s inference image)',
    ]);
    expect(sageMakerEvaluatorOptions.parse({ endpointName: 'churn-v{version}' })).toMatchObject({
      accept: 'text/csv',
      checkModel: true,
      maxPayloadBytes: 6_291_456,
      maxRowsPerRequest: 1000,
      dropColumns: [],
    });
    expect(sageMakerEvaluatorOptions.safeParse({ endpointName: 'x', maxPayloadBytes: 6_291_457 }).success).toBe(false);
  });
});
