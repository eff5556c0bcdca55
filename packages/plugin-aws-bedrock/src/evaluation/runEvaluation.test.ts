import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@driftwatch/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBedrockRuntimeClient } from '../runtime-client/createBedrockRuntimeClient.js';
import { tokenF1 } from '../scoring/tokenF1.js';
import { degradedRefusal, degradingModel } from '../testing/degradingModel.js';
import { rubricJudge } from '../testing/rubricJudge.js';
import type { ScriptedModel } from '../testing/ScriptedModel.js';
import { type BedrockRuntimeServer, startBedrockRuntimeServer } from '../testing/startBedrockRuntimeServer.js';
import { compareEvaluations } from './compareEvaluations.js';
import type { EvaluationSuite } from './EvaluationSuite.js';
import { evaluationPoints } from './evaluationPoints.js';
import { formatChange } from './formatChange.js';
import { runEvaluation, TokenBudgetExceededError } from './runEvaluation.js';

const weekMs = 7 * 24 * 3600 * 1000;
const start = Date.UTC(2026, 0, 5);
const topics = ['refund', 'shipping', 'account', 'billing'];
const items = Array.from({ length: 40 }, (_, i) => ({
  id: `q${i}`,
  prompt: `How do I handle ${topics[i % 4]} case number ${i}?`,
  reference: `For ${topics[i % 4]} case ${i} open the ${topics[i % 4]} page, choose request ${i} and confirm within five days.`,
  tags: [topics[i % 4]!],
}));
const answers = Object.fromEntries(items.map((item) => [item.prompt, item.reference]));

let server: BedrockRuntimeServer | undefined;
let dir = '';
let time = start;
const clock = { now: () => time, sleep: async () => {} };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dw-eval-'));
  await writeFile(join(dir, 'golden.jsonl'), `${items.map((item) => JSON.stringify(item)).join('\n')}\n`);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
  time = start;
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

const waits: number[] = [];
const retry = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100, random: () => 0.5, sleep: async (ms: number) => void waits.push(ms) };

function suite(overrides: Partial<EvaluationSuite> = {}): EvaluationSuite {
  return {
    name: 'support',
    dataset: join(dir, 'golden.jsonl'),
    target: { modelId: 'assistant', inference: { maxTokens: 200, temperature: 0 } },
    judge: { modelId: 'judge' },
    scorers: [
      { type: 'token-f1' },
      { type: 'judge', rubric: 'correctness', threshold: 0.75 },
      { type: 'judge', rubric: 'refusal', threshold: 1 },
    ],
    concurrency: 8,
    bootstrap: { resamples: 500, seed: 7 },
    prices: { assistant: { inputPer1k: 1, outputPer1k: 2 }, judge: { inputPer1k: 0.5, outputPer1k: 0.5 } },
    ...overrides,
  };
}

async function serve(models: Record<string, ScriptedModel>, extra: Parameters<typeof startBedrockRuntimeServer>[0] = {}) {
  server = await startBedrockRuntimeServer({ models, clock, ...extra });
  return createBedrockRuntimeClient({ endpoint: server.endpoint, region: 'us-east-1' }, {});
}

describe('runEvaluation against the wire-level Bedrock Runtime server', () => {
  it('scores a degrading model lower a few weeks later, item by item, with the judge parsed', async () => {
    const client = await serve({ assistant: degradingModel({ answers, start, weeklyDegradation: 0.1 }), judge: rubricJudge() });
    const first = await runEvaluation(suite(), { client, retry, now: () => time });
    time = start + 4 * weekMs;
    const later = compareEvaluations(first, await runEvaluation(suite(), { client, retry, now: () => time }), { resamples: 500, seed: 3 });

    expect(first.items).toHaveLength(40);
    expect(first.scorers.map((s) => [s.scorer, s.mean, s.unparseable])).toEqual([
      ['token-f1', 1, 0],
      ['correctness', 1, 0],
      ['refusal', 0, 0],
    ]);
    // Every item's correctness is the judge's rule applied to that item's answer.
    for (const item of later.items) {
      const f1 = tokenF1(item.answer!, [answers[items.find((i) => i.id === item.id)!.prompt]!]);
      expect(item.scores.correctness).toBe(Math.floor(f1 * 4 + 1e-9) / 4);
      expect(item.scores.refusal).toBe(item.answer === degradedRefusal ? 1 : 0);
    }
    const wrong = later.items.filter((item) => item.scores['token-f1']! < 1).length;
    expect(wrong).toBeGreaterThan(6);
    const change = later.comparison!.changes.find((c) => c.scorer === 'correctness')!;
    expect(change.pairs).toBe(40);
    expect(change.worse).toBe(wrong);
    expect(change.better).toBe(0);
    expect(change.currentMean).toBeLessThan(change.previousMean!);
    expect(change.ciHigh).toBeLessThan(0);
    expect(change.pValue).toBeLessThan(0.01);
    expect(formatChange(change)).toMatch(
      new RegExp(`^correctness fell from 1\\.00 to 0\\.\\d\\d, p [<=] 0\\.0\\d+, ${wrong} items got worse$`, 'u'),
    );
    // Refusal is lower-is-better: every new refusal is an item that got worse, and fails.
    const refusals = later.items.filter((item) => item.answer === degradedRefusal).length;
    expect(refusals).toBeGreaterThan(0);
    expect(later.comparison!.changes.find((c) => c.scorer === 'refusal')).toMatchObject({ worse: refusals, better: 0 });
    expect(later.scorers[2]!.passRate).toBe(1 - refusals / 40);
    // Per-tag figures cover every item once; latency grows 10% a week (400 ms → 400·1.1⁴).
    expect(Object.values(later.scorers[0]!.byTag).reduce((n, t) => n + t.n, 0)).toBe(40);
    expect(first.latency).toEqual({ p50: 400, p95: 400 });
    expect(later.latency.p50).toBe(Math.round(400 * 1.1 ** 4));
    // Cost from the price table: tokens × price / 1000.
    const expected = (first.tokens.input * 1 + first.tokens.output * 2 + (first.tokens.judgeInput + first.tokens.judgeOutput) * 0.5) / 1000;
    expect(first.cost).toBeCloseTo(expected, 12);
    const points = evaluationPoints(later);
    expect(points.find((p) => p.name === 'llm.correctness' && p.dimensions.tag === 'all')).toMatchObject({
      value: later.scorers[1]!.mean,
      dimensions: { model: 'assistant', suite: 'support', tag: 'all' },
    });
    expect(
      points
        .filter((p) => p.name === 'llm.correctness')
        .map((p) => p.dimensions.tag)
        .sort(),
    ).toEqual(['account', 'all', 'billing', 'refund', 'shipping']);
  });

  it('counts unparseable judgements instead of scoring them', async () => {
    const client = await serve({ assistant: degradingModel({ answers, start }), judge: rubricJudge({ unparseableEvery: 5 }) });
    const result = await runEvaluation(suite({ concurrency: 1, scorers: [{ type: 'judge', rubric: 'correctness' }] }), { client, retry });
    // Judge calls 4, 9, 14, … (every fifth) answer prose: 8 of 40.
    expect(result.scorers[0]!.unparseable).toBe(8);
    expect(result.scorers[0]!.n).toBe(32);
    expect(result.items.filter((i) => i.scores.correctness === null)).toHaveLength(8);
  });

  it('retries throttling, counting the throttle rate, and records failed items as errors', async () => {
    const flaky: ScriptedModel = (request, callIndex, c) =>
      callIndex % 3 === 0 ? { error: 'ThrottlingException' } : degradingModel({ answers, start })(request, callIndex, c);
    const client = await serve({ assistant: flaky });
    const result = await runEvaluation(suite({ concurrency: 1, scorers: [{ type: 'exact' }] }), { client, retry });
    expect(result.errors).toBe(0);
    expect(result.scorers[0]!.mean).toBe(1);
    // Calls 0, 3, 6, … are throttled: 40 answers took 60 attempts, 20 of them throttled.
    expect(result.attempts).toBe(60);
    expect(result.throttleRate).toBeCloseTo(20 / 60, 12);

    const down = await serve({ assistant: () => ({ error: 'ValidationException', message: 'bad input' }) });
    const failed = await runEvaluation(suite({ scorers: [{ type: 'exact' }] }), { client: down, retry });
    expect(failed.errors).toBe(40);
    expect(failed.errorRate).toBe(1);
    expect(failed.items[0]!.error).toMatch(/ValidationException: bad input/u);
    expect(failed.scorers[0]!.n).toBe(0);
  });

  it('keeps at most `concurrency` target calls in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const base = degradingModel({ answers, start });
    const slow: ScriptedModel = async (request, callIndex, c) => {
      most = Math.max(most, ++inFlight);
      await new Promise((done) => setTimeout(done, 5));
      inFlight--;
      return base(request, callIndex, c);
    };
    const client = await serve({ assistant: slow });
    const result = await runEvaluation(suite({ concurrency: 3, scorers: [{ type: 'exact' }] }), { client, retry });
    expect(result.scorers[0]!.mean).toBe(1);
    expect(most).toBe(3);
  });

  it('stops with a clear error when the token budget is exceeded', async () => {
    const client = await serve({ assistant: degradingModel({ answers, start }) });
    const error = await runEvaluation(suite({ concurrency: 1, tokenBudget: 200, scorers: [{ type: 'exact' }] }), { client, retry }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TokenBudgetExceededError);
    expect((error as Error).message).toMatch(
      /^evaluation "support": token budget of 200 exceeded \(\d+ tokens used after \d+ of 40 items\)/u,
    );
    // It stopped: far fewer calls than items.
    expect(server!.calls.length).toBeLessThan(15);
  });

  it('answers a re-run from the cache without calling the server, embeddings included', async () => {
    const client = await serve({ assistant: degradingModel({ answers, start }), judge: rubricJudge() });
    const cached = suite({ cacheDir: join(dir, 'cache'), scorers: [{ type: 'semantic' }, { type: 'judge', rubric: 'correctness' }] });
    const first = await runEvaluation(cached, { client, retry });
    const calls = server!.calls.length;
    // Answers equal their references at the start, so each reference's embedding is the answer's, from the cache.
    expect(calls).toBe(40 + 40 + 40);
    expect(first.cacheHits).toBe(40);
    expect(first.scorers[0]!.mean).toBeCloseTo(1, 6);
    const again = await runEvaluation(cached, { client, retry });
    expect(server!.calls.length).toBe(calls);
    expect(again.cacheHits).toBe(160);
    expect(again.scorers.map((s) => s.mean)).toEqual(first.scorers.map((s) => s.mean));
    expect(again.items.every((i) => i.cached)).toBe(true);
    expect((await readdir(join(dir, 'cache'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('names the file and line of a bad golden-set line', async () => {
    const client = await serve({});
    await writeFile(join(dir, 'golden.jsonl'), '{"id":"a","prompt":"hi"}\n{"id":"b"}\n');
    const error = await runEvaluation(suite(), { client, retry }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`${join(dir, 'golden.jsonl')}:2: exactly one of "prompt" and "messages" is required`);
    await writeFile(join(dir, 'golden.jsonl'), '{"id":"a","prompt":"hi"}\n{"id":"a",\n');
    expect(((await runEvaluation(suite(), { client, retry }).catch((e: unknown) => e)) as Error).message).toMatch(
      /golden\.jsonl:2: not valid JSON/u,
    );
  });
});

describe('runEvaluation tokens-per-minute limits (wire-level server, fake bucket clock)', () => {
  /** Time moves only when a bucket waits; every wait is recorded. */
  const bucketClock = () => {
    const c = { time: 0, waits: [] as number[], now: () => c.time, sleep: async (ms: number) => void (c.waits.push(ms), (c.time += ms)) };
    return c;
  };

  it('paces the target calls of 8 concurrent workers to the limit, and the judge to its own', async () => {
    const client = await serve({ assistant: degradingModel({ answers, start }), judge: rubricJudge() });
    const free = bucketClock();
    const unlimited = await runEvaluation(suite(), { client, retry, now: () => time, bucketClock: free });
    expect(free.waits).toEqual([]);

    const perMinute = 300;
    const target = bucketClock();
    const limited = await runEvaluation(suite({ target: { ...suite().target, tokensPerMinute: perMinute } }), {
      client,
      retry,
      now: () => time,
      bucketClock: target,
    });
    // Same answers and scores: the limit only delays calls.
    expect(limited.scorers.map((s) => s.mean)).toEqual(unlimited.scorers.map((s) => s.mean));
    const used = limited.tokens.input + limited.tokens.output;
    expect(used).toBeGreaterThan(3 * perMinute);
    // The bucket starts full; every token after the first minute's must have waited its refill time,
    // less what the calls in flight (at most 8, each under 60 tokens here) overshot before settling.
    const perCall = Math.max(...limited.items.map((i) => i.inputTokens + i.outputTokens));
    expect(perCall).toBeLessThan(60);
    const minimumMs = ((used - perMinute - 8 * perCall) / perMinute) * 60_000;
    expect(target.time).toBeGreaterThanOrEqual(minimumMs);
    // ...and no caller waited for nothing: at most the time all of it needs at the rate.
    expect(target.time).toBeLessThanOrEqual((used / perMinute) * 60_000);

    const judged = bucketClock();
    await runEvaluation(suite({ judge: { modelId: 'judge', tokensPerMinute: 1000 } }), {
      client,
      retry,
      now: () => time,
      bucketClock: judged,
    });
    expect(judged.waits.length).toBeGreaterThan(0);
  });
});
