import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getColumn, InputError } from '@driftwatch/core';
import { beforeAll, expect, it } from 'vitest';
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
});
