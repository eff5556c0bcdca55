import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getColumn, InputError } from '@driftwatch/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithMoto } from '../__tests__/describeWithMoto.js';
import { noRetry } from '../__tests__/testClients.js';
import { sageMakerCaptureOptions } from '../options/sageMakerCaptureOptions.js';
import { SageMakerCaptureDataSource } from './SageMakerCaptureDataSource.js';

const line = (id: string, time: string, input: object, output: object) =>
  JSON.stringify({
    captureData: { endpointInput: input, endpointOutput: output },
    eventMetadata: { eventId: id, inferenceTime: time },
    eventVersion: '0',
  });
const truth = (id: string, data: object) => JSON.stringify({ groundTruthData: data, eventMetadata: { eventId: id }, eventVersion: '0' });
const csv = (data: string) => ({ observedContentType: 'text/csv', mode: 'INPUT', data, encoding: 'CSV' });
const b64 = (type: string, text: string) => ({
  observedContentType: type,
  mode: 'OUTPUT',
  data: Buffer.from(text).toString('base64'),
  encoding: 'BASE64',
});

describeWithMoto('SageMakerCaptureDataSource against moto S3', (aws) => {
  const put = (key: string, body: string) => aws.s3.send(new PutObjectCommand({ Bucket: 'capture', Key: key, Body: body }));

  beforeAll(async () => {
    await aws.s3.send(new CreateBucketCommand({ Bucket: 'capture' }));
    const root = 'dc/churn-ep/AllTraffic/2025/01/01';
    await put(
      `${root}/10/a.jsonl`,
      `${line('e1', '2025-01-01T10:00:00Z', csv('1.5,7\n2.5,8'), csv('0.9\n0.1'))}\n${line('e2', '2025-01-01T10:05:00Z', csv('3.5,9'), b64('application/json', '{"predictions":[0.4]}'))}\n`,
    );
    await put(`${root}/11/b.jsonl`, `${line('e3', '2025-01-01T11:00:00Z', b64('text/csv', '4.5,10'), csv('0.7'))}\n`);
    await put(`${root}/11/notes.txt`, 'not capture');
    for (let i = 0; i < 5; i++) await put(`paged/${i}.jsonl`, `${line(`p${i}`, '2025-01-02T00:00:00Z', csv(`${i},${i}`), csv('1'))}\n`);
    await put('bad/x.jsonl', `${line('ok', '2025-01-01T00:00:00Z', csv('1,2'), csv('1'))}\n{"captureData": oops}\n`);
  });

  const source = (options: Record<string, unknown>, pageSize?: number) =>
    new SageMakerCaptureDataSource(aws.s3, sageMakerCaptureOptions.parse({ ...options, ...noRetry }), { pageSize });

  it('reads every capture object into one frame of inputs, outputs, event ids and times', async () => {
    const src = source({ uri: 's3://capture/dc/', inputColumns: ['income', 'tenure'] });
    const frame = await src.read();
    expect(frame.source).toBe('s3://capture/dc/');
    expect(frame.rowCount).toBe(4);
    expect(frame.columns.map((c) => c.name)).toEqual(['income', 'tenure', 'prediction', 'event_id', 'inference_time']);
    const income = getColumn(frame, 'income');
    expect(income?.kind).toBe('numeric');
    expect([...(income as { values: Float64Array }).values]).toEqual([1.5, 2.5, 3.5, 4.5]);
    expect([...(getColumn(frame, 'prediction') as { values: Float64Array }).values]).toEqual([0.9, 0.1, 0.4, 0.7]);
    expect(getColumn(frame, 'inference_time')?.kind).toBe('datetime');
    const schema = await src.inferSchema();
    expect(schema.columns.find((c) => c.name === 'tenure')?.kind).toBe('numeric');
  });

  it('derives a binary prediction from the probability and threshold (1 at or above it), as Model Monitor does', async () => {
    const src = source({
      uri: 's3://capture/dc/',
      inputColumns: ['income', 'tenure'],
      outputColumns: ['probability'],
      predictionFromProbability: { probability: 'probability', threshold: 0.4 },
    });
    const rows = await src.rows();
    // Probabilities 0.9, 0.1, 0.4 (a JSON answer) and 0.7: the threshold itself counts as positive.
    expect(rows.map((r) => [r.probability, r.prediction])).toEqual([
      [0.9, 1],
      [0.1, 0],
      [0.4, 1],
      [0.7, 1],
    ]);
    const frame = await src.read();
    expect(frame.columns.map((c) => c.name)).toEqual(['income', 'tenure', 'probability', 'prediction', 'event_id', 'inference_time']);
  });

  it('fetches each capture object once for a schema read then a full read of a run', async () => {
    const gets: string[] = [];
    aws.s3.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'GetObjectCommand') gets.push((args.input as { Key: string }).Key);
        return next(args);
      },
      { step: 'initialize', name: 'countCaptureGets' },
    );
    try {
      const src = source({ uri: 's3://capture/paged/' }, 2);
      const schema = await src.inferSchema();
      expect((await src.read({ schema })).rowCount).toBe(5);
      expect(gets).toEqual(['paged/0.jsonl', 'paged/1.jsonl', 'paged/2.jsonl', 'paged/3.jsonl', 'paged/4.jsonl']);
    } finally {
      aws.s3.middlewareStack.remove('countCaptureGets');
    }
  });

  it('filters by inference time and follows ListObjectsV2 pages', async () => {
    const window = await source({ uri: 's3://capture/dc/', from: '2025-01-01T10:01:00Z', to: '2025-01-01T12:00:00Z' }).rows();
    expect(window.map((r) => r.event_id)).toEqual(['e2', 'e3']);
    const paged = await source({ uri: 's3://capture/paged/' }, 2).rows();
    expect(paged.map((r) => r.event_id)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
  });

  it('names the object and line of a malformed record, and fails on an empty prefix', async () => {
    const error = await source({ uri: 's3://capture/bad/' })
      .read()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^s3:\/\/capture\/bad\/x\.jsonl:2: not valid JSON/);
    expect((error as InputError).location).toEqual({ file: 's3://capture/bad/x.jsonl', line: 2 });
    await expect(source({ uri: 's3://capture/nothing/' }).read()).rejects.toMatchObject({ code: 'INPUT_NO_ROWS' });
  });

  describe('with ground-truth labels', () => {
    beforeAll(async () => {
      const cap = (id: string, input: object, output: object) => line(id, '2025-01-01T10:00:00Z', input, output);
      await put(
        'gt/cap/2025/01/01/10/a.jsonl',
        [
          cap('g1', csv('1,2\n3,4'), csv('0.9\n0.2')),
          cap('g2', csv('5,6'), csv('0.8')),
          cap('g3', b64('text/csv', '7,8'), csv('0.3')),
          cap('g4', csv('9,10'), csv('0.6')),
          cap('g5', csv('1,1\n2,2\n3,3'), csv('0.1\n0.2\n0.3')),
          cap('g6', csv('4,4'), csv('0.5')),
        ].join('\n'),
      );
      const gt = 'gt/labels/2025/01/01';
      await put(
        `${gt}/11/a.jsonl`,
        [
          truth('g1', { data: '1\n0', encoding: 'CSV' }),
          truth('g2', { data: '{"churned":0}', encoding: 'JSON' }),
          truth('elsewhere', { data: '1', encoding: 'CSV' }),
        ].join('\n'),
      );
      await put(
        `${gt}/12/b.jsonl`,
        [
          truth('g3', { data: Buffer.from('1').toString('base64'), encoding: 'BASE64' }),
          truth('g6', { data: '{"churned":0}', encoding: 'JSON' }),
        ].join('\n'),
      );
      // A later object relabels g2, and the later of two lines for g5 wins.
      await put(
        `${gt}/13/c.jsonl`,
        [
          truth('g2', { data: '1', encoding: 'CSV' }),
          truth('g5', { data: '0', encoding: 'CSV' }),
          truth('g5', { data: '1', encoding: 'CSV' }),
        ].join('\n'),
      );
      await put(`${gt}/13/readme.txt`, 'not labels');

      await put('gtmismatch/cap/a.jsonl', `${line('m1', '2025-01-01T10:00:00Z', csv('1,2\n3,4'), csv('1\n0'))}\n`);
      await put('gtmismatch/labels/x.jsonl', `${truth('m1', { data: '1\n0\n1', encoding: 'CSV' })}\n`);
      await put('gtbad/labels/x.jsonl', `${truth('g1', { data: '1', encoding: 'CSV' })}\n{"groundTruthData": oops}\n`);
      await put('gtnoid/labels/x.jsonl', `${JSON.stringify({ groundTruthData: { data: '1', encoding: 'CSV' } })}\n`);
      await put(
        'gtclash/cap/a.jsonl',
        `${line('c1', '2025-01-01T10:00:00Z', csv('1,2'), b64('application/json', '[{"score":0.7,"label":1}]'))}\n`,
      );
      await put('gtclash/labels/x.jsonl', `${truth('c1', { data: '1', encoding: 'CSV' })}\n`);
    });

    const labelled = (extra: Record<string, unknown>, pageSize?: number) =>
      source(
        { uri: 's3://capture/gt/cap/', inputColumns: ['income', 'tenure'], groundTruthUri: 's3://capture/gt/labels/', ...extra },
        pageSize,
      );

    it('joins CSV, JSON and BASE64 labels by event id, keeping unlabelled rows with a null label', async () => {
      const rows = await labelled({ targetColumn: 'churned' }, 1).rows();
      expect(rows.map((r) => [r.event_id, r.income, r.churned])).toEqual([
        ['g1', 1, 1],
        ['g1', 3, 0],
        ['g2', 5, 1],
        ['g3', 7, 1],
        ['g4', 9, null],
        ['g5', 1, 1],
        ['g5', 2, 1],
        ['g5', 3, 1],
        ['g6', 4, 0],
      ]);
      const frame = await labelled({ targetColumn: 'churned' }).read();
      expect(frame.columns.map((c) => c.name)).toEqual(['income', 'tenure', 'prediction', 'churned', 'event_id', 'inference_time']);
      const churned = getColumn(frame, 'churned') as { kind: string; values: Float64Array };
      expect(churned.kind).toBe('numeric');
      expect([...churned.values].map((v) => (Number.isNaN(v) ? null : v))).toEqual([1, 0, 1, 1, null, 1, 1, 1, 0]);
    });

    it('names the label column "label" by default, and leaves every row unlabelled when no labels arrived', async () => {
      expect((await labelled({}).rows()).map((r) => r.label)).toEqual([1, 0, 1, 1, null, 1, 1, 1, 0]);
      const none = await labelled({ groundTruthUri: 's3://capture/gt/nothing/' }).rows();
      expect(none).toHaveLength(9);
      expect(none.every((r) => Object.hasOwn(r, 'label') && r.label === null)).toBe(true);
    });

    it('fails when the labels of a multi-row record are neither one nor one per row, naming both objects and the event', async () => {
      const error = await source({ uri: 's3://capture/gtmismatch/cap/', groundTruthUri: 's3://capture/gtmismatch/labels/' })
        .read()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).code).toBe('INPUT_FIELD_COUNT');
      expect((error as InputError).message).toBe(
        's3://capture/gtmismatch/labels/x.jsonl:1: ground truth of event m1 has 3 labels but its captured record s3://capture/gtmismatch/cap/a.jsonl:1 has 2 rows (one label for all rows, or one per row)',
      );
      expect((error as InputError).location).toEqual({ file: 's3://capture/gtmismatch/labels/x.jsonl', line: 1 });
    });

    it('names the object and line of a malformed ground-truth line', async () => {
      const bad = await labelled({ groundTruthUri: 's3://capture/gtbad/labels/' })
        .rows()
        .catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(InputError);
      expect((bad as InputError).message).toMatch(/^s3:\/\/capture\/gtbad\/labels\/x\.jsonl:2: not valid JSON/);
      expect((bad as InputError).location).toEqual({ file: 's3://capture/gtbad/labels/x.jsonl', line: 2 });
      await expect(labelled({ groundTruthUri: 's3://capture/gtnoid/labels/' }).rows()).rejects.toThrow(
        's3://capture/gtnoid/labels/x.jsonl:1: ground-truth record has no eventMetadata.eventId string',
      );
    });

    it('refuses a derived prediction column that the captured rows already have', async () => {
      await expect(
        source({
          uri: 's3://capture/gtclash/cap/',
          predictionFromProbability: { probability: 'score', threshold: 0.5, column: 'label' },
        }).rows(),
      ).rejects.toMatchObject({
        code: 'INPUT_COLUMNS_MISMATCH',
        message:
          's3://capture/gtclash/cap/a.jsonl:1: the captured record already has a column "label" (predictionFromProbability.column); set it to another name',
      });
    });

    it('refuses a targetColumn that the captured rows already have', async () => {
      await expect(
        source({ uri: 's3://capture/gtclash/cap/', groundTruthUri: 's3://capture/gtclash/labels/' }).rows(),
      ).rejects.toMatchObject({
        code: 'INPUT_COLUMNS_MISMATCH',
        message:
          's3://capture/gtclash/cap/a.jsonl:1: the captured record already has a column "label" (targetColumn); set targetColumn to another name',
      });
    });
  });
});
