import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { type MotoServer, motoAvailability, skipWithoutMoto, startMotoServer } from '@driftwatch/aws-common/testing';
import { getColumn, InputError } from '@driftwatch/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRetry, testControlClients } from '../__tests__/testControlClients.js';
import { BedrockInvocationLogsDataSource } from './BedrockInvocationLogsDataSource.js';
import { bedrockInvocationLogsOptions } from './bedrockInvocationLogsOptions.js';

const logs = 'AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1';

/** A Converse record as Bedrock logs it. */
function converse(i: number, time: string, modelId = 'anthropic.claude-3-haiku-20240307-v1:0') {
  return {
    schemaType: 'ModelInvocationLog',
    schemaVersion: '1.0',
    timestamp: time,
    accountId: '123456789012',
    region: 'us-east-1',
    requestId: `req-${i}`,
    operation: 'Converse',
    modelId,
    input: {
      inputContentType: 'application/json',
      inputBodyJson: { messages: [{ role: 'user', content: [{ text: `question ${i}` }] }] },
      inputTokenCount: 10 + i,
    },
    output: {
      outputContentType: 'application/json',
      outputBodyJson: {
        output: { message: { role: 'assistant', content: [{ text: `answer ${i}` }] } },
        stopReason: i % 2 === 0 ? 'end_turn' : 'max_tokens',
        metrics: { latencyMs: 100 * i },
        usage: { inputTokens: 10 + i, outputTokens: 20 + i },
      },
      outputTokenCount: 20 + i,
    },
  };
}

const jsonl = (records: readonly object[]) => records.map((r) => JSON.stringify(r)).join('\n');

describe.skipIf(skipWithoutMoto(motoAvailability()))('BedrockInvocationLogsDataSource against moto', () => {
  let moto: MotoServer;
  const put = async (key: string, body: string | Uint8Array) =>
    testControlClients(moto.endpoint).s3.send(new PutObjectCommand({ Bucket: 'bedrock-logs', Key: key, Body: body }));
  beforeAll(async () => {
    moto = await startMotoServer();
    await testControlClients(moto.endpoint).s3.send(new CreateBucketCommand({ Bucket: 'bedrock-logs' }));
    // What invocation logging writes: gzipped JSON Lines per hour, plus the permission check object.
    await put(
      `bot/${logs}/2026/03/02/10/20260302T101500123Z_a.json.gz`,
      gzipSync(jsonl([converse(1, '2026-03-02T10:15:00Z'), converse(2, '2026-03-02T10:16:00Z')])),
    );
    await put(
      `bot/${logs}/2026/03/02/11/20260302T110000000Z_b.json.gz`,
      gzipSync(jsonl([converse(3, '2026-03-02T11:00:00Z', 'amazon.titan-text-express-v1')])),
    );
    await put('bot/amazon-bedrock-logs-permission-check', 'ok');
    // A record whose bodies Bedrock moved to S3 (too large for the log), and the bodies under data/.
    const big = {
      ...converse(4, '2026-03-02T12:00:00Z'),
      input: { inputBodyS3Path: `s3://bedrock-logs/bot/${logs}/2026/03/02/12/data/req-4_input.json.gz`, inputTokenCount: 900 },
    };
    await put(`bot/${logs}/2026/03/02/12/20260302T120000000Z_c.json.gz`, gzipSync(JSON.stringify(big)));
    await put(
      `bot/${logs}/2026/03/02/12/data/req-4_input.json.gz`,
      gzipSync(JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'a very long question' }] }] })),
    );
    // A CloudWatch Logs export (CreateExportTask): <ISO time> <record> lines, gzipped.
    await put(
      'export/task-1/stream-a/000000.gz',
      gzipSync(
        `2026-03-03T09:00:00.000Z ${JSON.stringify(converse(5, '2026-03-03T09:00:00Z'))}\n2026-03-03T09:01:00.000Z ${JSON.stringify(converse(6, '2026-03-03T09:01:00Z'))}\n`,
      ),
    );
    await put(
      'bad/log.json',
      `${JSON.stringify(converse(7, '2026-03-04T00:00:00Z'))}\n{"schemaType":"ModelInvocationLog","timestamp":"2026-03-04T00:00:00Z"}\n`,
    );
    await put('broken/log.json', `${JSON.stringify(converse(8, '2026-03-04T00:00:00Z'))}\n\n{"schemaType": "ModelInvo`);
  });
  afterAll(async () => {
    await moto?.stop();
  });
  const source = (options: Record<string, unknown>) =>
    new BedrockInvocationLogsDataSource(
      testControlClients(moto.endpoint).s3,
      bedrockInvocationLogsOptions.parse({ forcePathStyle: true, ...options, ...noRetry }),
    );

  it('reads every log object under the prefix, with bodies kept in S3, into one frame', async () => {
    const src = source({ uri: 's3://bedrock-logs/bot/' });
    const rows = await src.rows();
    expect(
      rows.map((r) => [r.request_id, r.model_id, r.prompt, r.response, r.input_tokens, r.output_tokens, r.latency_ms, r.stop_reason]),
    ).toEqual([
      ['req-1', 'anthropic.claude-3-haiku-20240307-v1:0', 'question 1', 'answer 1', 11, 21, 100, 'max_tokens'],
      ['req-2', 'anthropic.claude-3-haiku-20240307-v1:0', 'question 2', 'answer 2', 12, 22, 200, 'end_turn'],
      ['req-3', 'amazon.titan-text-express-v1', 'question 3', 'answer 3', 13, 23, 300, 'max_tokens'],
      ['req-4', 'anthropic.claude-3-haiku-20240307-v1:0', 'a very long question', 'answer 4', 900, 24, 400, 'end_turn'],
    ]);
    const frame = await src.read();
    expect(frame.source).toBe('s3://bedrock-logs/bot/');
    expect(frame.rowCount).toBe(4);
    expect(frame.columns.map((c) => c.name)).toEqual([
      'timestamp',
      'request_id',
      'operation',
      'model_id',
      'prompt',
      'response',
      'input_tokens',
      'output_tokens',
      'latency_ms',
      'stop_reason',
      'refusal',
      'response_words',
      'response_chars',
    ]);
    expect([...(getColumn(frame, 'output_tokens') as { values: Float64Array }).values]).toEqual([21, 22, 23, 24]);
    expect([...(getColumn(frame, 'latency_ms') as { values: Float64Array }).values]).toEqual([100, 200, 300, 400]);
    expect(getColumn(frame, 'timestamp')?.kind).toBe('datetime');
  });

  it('filters by time window and model', async () => {
    const rows = await source({ uri: 's3://bedrock-logs/bot/', since: '2026-03-02T10:16:00Z', until: '2026-03-02T12:00:00Z' }).rows();
    expect(rows.map((r) => r.request_id)).toEqual(['req-2', 'req-3']);
    const titan = await source({ uri: 's3://bedrock-logs/bot/', modelId: 'amazon.titan-text-express-v1' }).rows();
    expect(titan.map((r) => r.request_id)).toEqual(['req-3']);
    await expect(source({ uri: 's3://bedrock-logs/bot/', modelId: 'nope' }).read()).rejects.toMatchObject({
      code: 'INPUT_NO_ROWS',
      message: 's3://bedrock-logs/bot/: no invocation log records of model nope',
    });
  });

  it('reads CloudWatch Logs export files', async () => {
    const rows = await source({ uri: 's3://bedrock-logs/export/' }).rows();
    expect(rows.map((r) => [r.timestamp, r.prompt, r.response])).toEqual([
      ['2026-03-03T09:00:00Z', 'question 5', 'answer 5'],
      ['2026-03-03T09:01:00Z', 'question 6', 'answer 6'],
    ]);
  });

  it('a bad record or line is an InputError naming the object and line', async () => {
    const bad = await source({ uri: 's3://bedrock-logs/bad/' })
      .read()
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InputError);
    expect((bad as InputError).message).toBe('s3://bedrock-logs/bad/log.json:2: modelId is missing');
    expect((bad as InputError).location).toEqual({ file: 's3://bedrock-logs/bad/log.json', line: 2 });
    const broken = await source({ uri: 's3://bedrock-logs/broken/' })
      .read()
      .catch((e: unknown) => e);
    expect((broken as InputError).code).toBe('INPUT_BAD_JSON');
    expect((broken as InputError).message).toMatch(/^s3:\/\/bedrock-logs\/broken\/log\.json:3: not valid JSON/);
  });
});

describe('bedrockInvocationLogsOptions', () => {
  it('rejects a non-S3 uri and a bad time with their paths', () => {
    const r = bedrockInvocationLogsOptions.safeParse({ uri: '/tmp/logs', since: 'monday' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['uri', 'since']);
  });
});
