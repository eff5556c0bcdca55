import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { type MotoServer, motoAvailability, motoMissingInCi, skipWithoutMoto, startMotoServer } from '@driftwatch/aws-common/testing';
import { type CategoricalColumn, type EmbeddingColumn, getColumn, type NumericColumn, type TextColumn } from '@driftwatch/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testControlClients } from '../__tests__/testControlClients.js';
import { degradedRefusal } from '../testing/degradingModel.js';
import { hashEmbedding } from '../testing/hashEmbedding.js';
import { rubricJudge } from '../testing/rubricJudge.js';
import { type BedrockRuntimeServer, startBedrockRuntimeServer } from '../testing/startBedrockRuntimeServer.js';
import { inJudgeSample } from '../traffic/inJudgeSample.js';
import { BedrockInvocationLogsDataSource } from './BedrockInvocationLogsDataSource.js';
import { bedrockInvocationLogsOptions } from './bedrockInvocationLogsOptions.js';

// The traffic signals of the source: refusals, lengths, Titan embeddings (cached, throttling
// retried) and a judge on a sample, read from moto's S3 with the wire-level Bedrock Runtime server.
const availability = motoAvailability();
const missingInCi = motoMissingInCi(availability);
const topics = ['parcel', 'password', 'refund', 'address'];

function record(i: number) {
  const refusal = i % 5 === 0;
  const filtered = i === 7;
  return {
    schemaType: 'ModelInvocationLog',
    schemaVersion: '1.0',
    timestamp: `2026-03-02T10:${String(i).padStart(2, '0')}:00Z`,
    requestId: `req-${i}`,
    operation: 'Converse',
    modelId: 'support-model',
    input: {
      inputBodyJson: { messages: [{ role: 'user', content: [{ text: `question about my ${topics[i % 4]} number ${i % 3}` }] }] },
      inputTokenCount: 10 + i,
    },
    output: {
      outputBodyJson: {
        output: {
          message: {
            role: 'assistant',
            content: [{ text: refusal ? degradedRefusal : `your ${topics[i % 4]} answer is on the help page` }],
          },
        },
        stopReason: filtered ? 'content_filtered' : 'end_turn',
        metrics: { latencyMs: 100 + 10 * i },
      },
      outputTokenCount: 20 + i,
    },
  };
}
const records = Array.from({ length: 24 }, (_, i) => record(i));

if (missingInCi) it('bedrock-invocation-logs traffic signals: needs moto in CI', () => expect.fail(missingInCi));

describe.skipIf(skipWithoutMoto(availability))('bedrock-invocation-logs traffic signals (moto S3 + wire-level Bedrock Runtime)', () => {
  let moto: MotoServer;
  let runtime: BedrockRuntimeServer;
  let cache = '';
  beforeAll(async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    cache = await mkdtemp(join(tmpdir(), 'dw-traffic-cache-'));
    moto = await startMotoServer();
    const { s3 } = testControlClients(moto.endpoint);
    await s3.send(new CreateBucketCommand({ Bucket: 'logs' }));
    await s3.send(
      new PutObjectCommand({
        Bucket: 'logs',
        Key: 'bot/2026/03/02/10/a.json.gz',
        Body: gzipSync(records.map((r) => JSON.stringify(r)).join('\n')),
      }),
    );
    // The first two embedding calls are throttled (retried); the judge answers by its rubric.
    runtime = await startBedrockRuntimeServer({
      models: { judge: rubricJudge() },
      embeddingFault: (_t, i) => (i < 2 ? 'ThrottlingException' : undefined),
    });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await runtime?.close();
    await moto?.stop();
    await rm(cache, { recursive: true, force: true });
  });

  const source = (extra: Record<string, unknown> = {}) =>
    new BedrockInvocationLogsDataSource(
      testControlClients(moto.endpoint).s3,
      bedrockInvocationLogsOptions.parse({
        uri: 's3://logs/bot/',
        forcePathStyle: true,
        region: 'us-east-1',
        maxAttempts: 4,
        embeddings: { dimensions: 256, batch: 4, cache, endpoint: runtime.endpoint },
        judge: { modelId: 'judge', rubrics: ['refusal', 'relevance'], sample: 0.5, seed: 3, cache, endpoint: runtime.endpoint },
        ...extra,
      }),
      { baseDir: '/', sleep: async () => {} },
    );

  it('declares the kinds and roles, adds refusal, lengths, embeddings and judge scores, and reports the window figures', async () => {
    const src = source();
    const schema = await src.inferSchema();
    expect(schema.columns.map((c) => [c.name, c.kind, c.role ?? 'feature'])).toEqual([
      ['timestamp', 'datetime', 'timestamp'],
      ['request_id', 'text', 'id'],
      ['operation', 'categorical', 'feature'],
      ['model_id', 'categorical', 'feature'],
      ['prompt', 'text', 'feature'],
      ['response', 'text', 'feature'],
      ['input_tokens', 'numeric', 'feature'],
      ['output_tokens', 'numeric', 'feature'],
      ['latency_ms', 'numeric', 'feature'],
      ['stop_reason', 'categorical', 'feature'],
      ['refusal', 'boolean', 'feature'],
      ['response_words', 'numeric', 'feature'],
      ['response_chars', 'numeric', 'feature'],
      ['judge_refusal', 'numeric', 'feature'],
      ['judge_relevance', 'numeric', 'feature'],
      ['prompt_embedding', 'embedding', 'feature'],
      ['response_embedding', 'embedding', 'feature'],
    ]);
    const frame = await src.read({ schema });
    expect(frame.rowCount).toBe(24);
    expect(frame.columns.map((c) => c.name)).toEqual(schema.columns.map((c) => c.name));
    expect((getColumn(frame, 'prompt') as TextColumn).values[1]).toBe('question about my password number 1');

    const refusal = getColumn(frame, 'refusal') as CategoricalColumn;
    const flags = [...refusal.codes].map((c) => refusal.dictionary[c]);
    expect(flags).toEqual(records.map((_, i) => String(i % 5 === 0 || i === 7)));
    const words = getColumn(frame, 'response_words') as NumericColumn;
    expect(words.values[0]).toBe(degradedRefusal.split(' ').length);
    expect(words.values[1]).toBe(8);
    expect((getColumn(frame, 'response_chars') as NumericColumn).values[1]).toBe('your password answer is on the help page'.length);

    const prompts = getColumn(frame, 'prompt_embedding') as EmbeddingColumn;
    expect(prompts.dim).toBe(256);
    expect(prompts.values.slice(256 * 5, 256 * 6)).toEqual(Float32Array.from(hashEmbedding('question about my password number 2', 256)));
    const responses = getColumn(frame, 'response_embedding') as EmbeddingColumn;
    expect(responses.values.slice(0, 256)).toEqual(Float32Array.from(hashEmbedding(degradedRefusal, 256)));

    // The judge saw exactly the sampled requests; refusal by the rubric, relevance by overlap with the question.
    const sampled = records.map((r) => inJudgeSample(r.requestId, 0.5, 3));
    expect(sampled.filter(Boolean).length).toBeGreaterThan(4);
    const judged = [...(getColumn(frame, 'judge_refusal') as NumericColumn).values];
    expect(judged).toEqual(records.map((_, i) => (sampled[i] ? (i % 5 === 0 ? 1 : 0) : Number.NaN)));
    // One judge call per rubric and distinct (prompt, response) of the sample: the log repeats every 12 requests but the refusals.
    const pairs = new Set(
      records.filter((_, i) => sampled[i]).map((r) => JSON.stringify([r.input.inputBodyJson, r.output.outputBodyJson.output])),
    );
    expect(pairs.size).toBeLessThan(sampled.filter(Boolean).length);
    expect(runtime.calls.filter((c) => c.operation === 'Converse')).toHaveLength(2 * pairs.size);

    const figures = Object.fromEntries(src.figures().map((f) => [f.name, f.value]));
    expect(src.figures().every((f) => f.dimensions.model === 'support-model')).toBe(true);
    expect(figures['llm.requests']).toBe(24);
    expect(figures['llm.refusal_rate']).toBe(6 / 24);
    expect(figures['llm.judge.refusal.judged']).toBe(sampled.filter(Boolean).length);
    expect(figures['llm.judge.refusal']).toBe(records.filter((_, i) => sampled[i] && i % 5 === 0).length / sampled.filter(Boolean).length);
    expect(figures['llm.judge.relevance.unparseable']).toBe(0);
    expect(figures['llm.output_tokens']).toBe(records.reduce((s, r) => s + r.output.outputTokenCount, 0));

    // Distinct texts: 12 prompts (topic × number), 5 responses; 2 throttled calls were retried.
    const invokes = runtime.calls.filter((c) => c.operation === 'InvokeModel');
    expect(invokes.filter((c) => c.status === 200)).toHaveLength(12 + 5);
    expect(invokes.filter((c) => c.status === 429)).toHaveLength(2);
  });

  it('a second read takes embeddings and judgements from the cache: no call reaches the server', async () => {
    const before = runtime.calls.length;
    const frame = await source().read();
    expect(runtime.calls.length).toBe(before);
    expect(getColumn(frame, 'prompt_embedding')?.kind).toBe('embedding');
    expect(getColumn(frame, 'judge_refusal')?.kind).toBe('numeric');
  });

  it('an embedding column the schema ignores is left out; without the options no embedding or judge column exists', async () => {
    const src = source();
    const schema = await src.inferSchema();
    const frame = await src.read({
      schema: { columns: schema.columns.map((c) => (c.name === 'prompt_embedding' ? { ...c, role: 'ignored' as const } : c)) },
    });
    expect(frame.columns.some((c) => c.name === 'prompt_embedding')).toBe(false);
    expect(frame.columns.some((c) => c.name === 'response_embedding')).toBe(true);
    const plain = source({ embeddings: undefined, judge: undefined });
    const names = (await plain.inferSchema()).columns.map((c) => c.name);
    expect(names.filter((n) => n.includes('embedding') || n.startsWith('judge_'))).toEqual([]);
    await plain.close();
  });
});
