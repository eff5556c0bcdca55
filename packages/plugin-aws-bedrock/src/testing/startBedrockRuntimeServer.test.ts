import {
  BedrockRuntimeClient,
  ConverseCommand,
  InvokeModelCommand,
  ModelTimeoutException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { isRetryableError } from '@driftwatch/aws-common';
import type { Clock } from '@driftwatch/core';
import { afterEach, describe, expect, it } from 'vitest';
import { degradedRefusal, degradingModel } from './degradingModel.js';
import { hashEmbedding } from './hashEmbedding.js';
import { rubricJudge } from './rubricJudge.js';
import type { ScriptedModel } from './ScriptedModel.js';
import { type BedrockRuntimeServer, startBedrockRuntimeServer, titanEmbedTextV2 } from './startBedrockRuntimeServer.js';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };
let server: BedrockRuntimeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function client(endpoint: string, maxAttempts = 1): BedrockRuntimeClient {
  return new BedrockRuntimeClient({ endpoint, region: 'us-east-1', credentials, maxAttempts });
}

const fixedClock = (now: number): Clock => ({ now: () => now, sleep: async () => {} });
const echo: ScriptedModel = (request, callIndex) => ({
  text: `call ${callIndex}: ${request.messages.at(-1)?.content[0]?.text ?? ''} / ${request.system?.[0]?.text ?? '-'} / ${request.inferenceConfig?.maxTokens ?? '-'}`,
  inputTokens: 7,
  outputTokens: 3,
  latencyMs: 120,
});

describe('startBedrockRuntimeServer with the real SDK client', () => {
  it('answers Converse with the message, stop reason, usage and metrics the SDK parses', async () => {
    const modelId = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0';
    server = await startBedrockRuntimeServer({ models: { [modelId]: echo } });
    const out = await client(server.endpoint).send(
      new ConverseCommand({
        modelId,
        system: [{ text: 'be brief' }],
        messages: [{ role: 'user', content: [{ text: 'hello there' }] }],
        inferenceConfig: { maxTokens: 64, temperature: 0 },
      }),
    );
    expect(out.output?.message?.content?.[0]?.text).toBe('call 0: hello there / be brief / 64');
    expect(out.output?.message?.role).toBe('assistant');
    expect(out.stopReason).toBe('end_turn');
    expect(out.usage).toEqual({ inputTokens: 7, outputTokens: 3, totalTokens: 10 });
    expect(out.metrics).toEqual({ latencyMs: 120 });
    // The ARN travelled URL-encoded in the path and came back whole.
    expect(server.calls).toEqual([expect.objectContaining({ operation: 'Converse', modelId, status: 200 })]);
  });

  it('counts default tokens as words of the request and the answer', async () => {
    server = await startBedrockRuntimeServer({ models: { m: () => ({ text: 'one two three' }) } });
    const out = await client(server.endpoint).send(
      new ConverseCommand({ modelId: 'm', system: [{ text: 'sys word' }], messages: [{ role: 'user', content: [{ text: 'a b c d' }] }] }),
    );
    expect(out.usage).toEqual({ inputTokens: 6, outputTokens: 3, totalTokens: 9 });
  });

  it('answers ThrottlingException with 429, which the SDK retries with its standard strategy', async () => {
    const flaky: ScriptedModel = (_request, callIndex) =>
      callIndex < 2 ? { error: 'ThrottlingException' } : { text: `ok after ${callIndex}` };
    server = await startBedrockRuntimeServer({ models: { m: flaky } });
    const out = await client(server.endpoint, 3).send(
      new ConverseCommand({ modelId: 'm', messages: [{ role: 'user', content: [{ text: 'x' }] }] }),
    );
    expect(out.output?.message?.content?.[0]?.text).toBe('ok after 2');
    expect(out.$metadata.attempts).toBe(3);
    expect(server.calls.map((c) => c.status)).toEqual([429, 429, 200]);
  }, 30_000);

  it('surfaces ThrottlingException as the typed SDK error once attempts run out', async () => {
    server = await startBedrockRuntimeServer({ models: { m: () => ({ error: 'ThrottlingException' }) } });
    const error = await client(server.endpoint)
      .send(new ConverseCommand({ modelId: 'm', messages: [{ role: 'user', content: [{ text: 'x' }] }] }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottlingException);
    expect((error as ThrottlingException).$metadata.httpStatusCode).toBe(429);
    expect((error as ThrottlingException).message).toBe('Too many requests, please wait before trying again.');
    expect(isRetryableError(error)).toBe(true);
  });

  it('surfaces ValidationException (400) for an unknown model and a conversation not starting with the user', async () => {
    server = await startBedrockRuntimeServer({ models: { m: echo } });
    const c = client(server.endpoint, 3);
    const unknown = await c
      .send(new ConverseCommand({ modelId: 'nope', messages: [{ role: 'user', content: [{ text: 'x' }] }] }))
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ValidationException);
    expect((unknown as ValidationException).message).toBe('The provided model identifier is invalid.');
    expect((unknown as ValidationException).$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1 });
    expect(isRetryableError(unknown)).toBe(false);
    const badRoles = await c
      .send(new ConverseCommand({ modelId: 'm', messages: [{ role: 'assistant', content: [{ text: 'x' }] }] }))
      .catch((e: unknown) => e);
    expect(badRoles).toBeInstanceOf(ValidationException);
    expect((badRoles as Error).message).toMatch(/messages\.0: roles must alternate/u);
  });

  it('surfaces ModelTimeoutException (408), not retried by the SDK', async () => {
    server = await startBedrockRuntimeServer({ models: { m: () => ({ error: 'ModelTimeoutException', message: 'took too long' }) } });
    const error = await client(server.endpoint, 3)
      .send(new ConverseCommand({ modelId: 'm', messages: [{ role: 'user', content: [{ text: 'x' }] }] }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelTimeoutException);
    expect((error as ModelTimeoutException).message).toBe('took too long');
    expect((error as ModelTimeoutException).$metadata).toMatchObject({ httpStatusCode: 408, attempts: 1 });
  });

  it('holds a response through its clock, so a client-side request timeout fires', async () => {
    server = await startBedrockRuntimeServer({ models: { slow: () => ({ text: 'late', holdMs: 3000 }), quick: () => ({ text: 'soon' }) } });
    const c = new BedrockRuntimeClient({
      endpoint: server.endpoint,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
      requestHandler: { requestTimeout: 200 },
    });
    const started = Date.now();
    const error = await c
      .send(new ConverseCommand({ modelId: 'slow', messages: [{ role: 'user', content: [{ text: 'x' }] }] }))
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
    expect(isRetryableError(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2500);
    const quick = await c.send(new ConverseCommand({ modelId: 'quick', messages: [{ role: 'user', content: [{ text: 'x' }] }] }));
    expect(quick.output?.message?.content?.[0]?.text).toBe('soon');
    // Closing ends the held response instead of letting it fire later.
    await server.close();
    expect(server.calls.map((call) => [call.modelId, call.status])).toEqual([
      ['quick', 200],
      ['slow', 0],
    ]);
    server = undefined;
  });

  it('answers InvokeModel for Titan Text Embeddings v2 with hash-seeded unit vectors', async () => {
    server = await startBedrockRuntimeServer();
    const c = client(server.endpoint);
    const embed = async (inputText: string, dimensions?: number, normalize?: boolean) => {
      const out = await c.send(
        new InvokeModelCommand({
          modelId: titanEmbedTextV2,
          contentType: 'application/json',
          accept: 'application/json',
          body: JSON.stringify({
            inputText,
            ...(dimensions !== undefined && { dimensions }),
            ...(normalize !== undefined && { normalize }),
          }),
        }),
      );
      expect(out.contentType).toBe('application/json');
      return JSON.parse(new TextDecoder().decode(out.body)) as {
        embedding: number[];
        inputTextTokenCount: number;
        embeddingsByType: { float: number[] };
      };
    };
    const a = await embed('The refund takes five days', 256);
    expect(a.embedding).toHaveLength(256);
    expect(a.inputTextTokenCount).toBe(5);
    expect(a.embeddingsByType.float).toEqual(a.embedding);
    expect(Math.hypot(...a.embedding)).toBeCloseTo(1, 12);
    expect(a.embedding).toEqual(Array.from(hashEmbedding('The refund takes five days', 256)));
    const again = await embed('the REFUND takes five days', 256);
    expect(again.embedding).toEqual(a.embedding);
    const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * (y[i] ?? 0), 0);
    const near = await embed('The refund takes five business days', 256);
    const far = await embed('Reset your password from the login page', 256);
    expect(dot(a.embedding, near.embedding)).toBeGreaterThan(0.8);
    expect(Math.abs(dot(a.embedding, far.embedding))).toBeLessThan(0.3);
    expect((await embed('x')).embedding).toHaveLength(1024);
    expect(Math.hypot(...(await embed('two words', 512, false)).embedding)).toBeGreaterThan(1.05);
  });

  it('rejects bad embedding input with ValidationException and injects faults', async () => {
    server = await startBedrockRuntimeServer({ embeddingFault: (_text, i) => (i === 0 ? 'ThrottlingException' : undefined) });
    const c = client(server.endpoint);
    const invoke = (body: unknown, modelId = titanEmbedTextV2) =>
      c.send(new InvokeModelCommand({ modelId, contentType: 'application/json', body: JSON.stringify(body) })).catch((e: unknown) => e);
    expect(await invoke({ inputText: '' })).toBeInstanceOf(ValidationException);
    expect(await invoke({ inputText: 'x', dimensions: 300 })).toBeInstanceOf(ValidationException);
    expect(await invoke({ inputText: 'x' }, 'amazon.titan-embed-text-v1:9')).toBeInstanceOf(ValidationException);
    expect(await invoke({ inputText: 'first valid call' })).toBeInstanceOf(ThrottlingException);
    expect(await invoke({ inputText: 'second valid call' })).toMatchObject({ $metadata: { httpStatusCode: 200 } });
  });
});

describe('scripted models', () => {
  const week = 7 * 24 * 3600 * 1000;
  const start = Date.UTC(2026, 0, 5);
  const answers = Object.fromEntries(
    Array.from({ length: 120 }, (_, i) => [`question ${i}?`, `The answer to question ${i} is number ${i * 7}.`]),
  );

  async function accuracyAt(now: number): Promise<{ correct: number; refusals: number; latency: number }> {
    server = await startBedrockRuntimeServer({
      models: { m: degradingModel({ answers, start, weeklyDegradation: 0.1 }) },
      clock: fixedClock(now),
    });
    const c = client(server.endpoint);
    let correct = 0;
    let refusals = 0;
    let latency = 0;
    const entries = Object.entries(answers);
    const outs = await Promise.all(
      entries.map(([prompt]) => c.send(new ConverseCommand({ modelId: 'm', messages: [{ role: 'user', content: [{ text: prompt }] }] }))),
    );
    for (const [i, out] of outs.entries()) {
      const answer = entries[i]?.[1];
      const text = out.output?.message?.content?.[0]?.text;
      if (text === answer) correct++;
      if (text === degradedRefusal) refusals++;
      latency = out.metrics?.latencyMs ?? 0;
    }
    await server.close();
    server = undefined;
    return { correct, refusals, latency };
  }

  it('the degrading model loses about 10% of the items a week, deterministically', async () => {
    const week0 = await accuracyAt(start);
    const week3 = await accuracyAt(start + 3 * week);
    const week3Again = await accuracyAt(start + 3 * week);
    expect(week0).toEqual({ correct: 120, refusals: 0, latency: 400 });
    expect(week3Again).toEqual(week3);
    // 30% of 120 items (36) expected wrong; FNV-1a positions are close to uniform.
    expect(120 - week3.correct).toBeGreaterThan(22);
    expect(120 - week3.correct).toBeLessThan(50);
    expect(week3.refusals).toBeGreaterThan(5);
    expect(week3.refusals).toBeLessThan(120 - week3.correct);
    expect(week3.latency).toBe(Math.round(400 * 1.1 ** 3));
  });

  it('the judge scores by rubric and flags unparseable answers on schedule', async () => {
    server = await startBedrockRuntimeServer({ models: { judge: rubricJudge({ unparseableEvery: 4 }) } });
    const c = client(server.endpoint);
    const judge = async (text: string) =>
      (await c.send(new ConverseCommand({ modelId: 'judge', messages: [{ role: 'user', content: [{ text }] }] }))).output?.message
        ?.content?.[0]?.text ?? '';
    const correct = JSON.parse(
      await judge('<rubric>correctness</rubric><reference>Refunds take five days.</reference><response>Refunds take five days</response>'),
    );
    expect(correct.score).toBe(1);
    // Tokens [refunds, take, while] against [refunds, take, five, days]: F1 = 2·(2/3)(2/4)/(2/3+2/4) = 0.571… → 0.5.
    const partial = JSON.parse(
      await judge('<rubric>completeness</rubric><reference>refunds take five days</reference><response>refunds take a while</response>'),
    );
    expect(partial.score).toBe(0.5);
    const refusal = JSON.parse(await judge(`<rubric>refusal</rubric><response>${degradedRefusal}</response>`));
    expect(refusal.score).toBe(1);
    const fourth = await judge('<rubric>correctness</rubric><reference>a</reference><response>a</response>');
    expect(() => JSON.parse(fourth)).toThrow();
  });
});
