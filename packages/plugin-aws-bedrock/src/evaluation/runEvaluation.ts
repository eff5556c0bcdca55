import type { BedrockRuntimeClient, ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import type { RetryPolicy } from '@driftwatch/aws-common';
import { ConfigError, DriftwatchError, InputError } from '@driftwatch/core';
import { type ConverseOutcome, converseWithRetry } from '../runtime-client/converseWithRetry.js';
import { embedText } from '../runtime-client/embedText.js';
import { type AnswerScorer, deterministicScorer } from './deterministicScorer.js';
import type { EvaluationItemResult, EvaluationResult } from './EvaluationResult.js';
import type { EvaluationSuite, InferenceParams, ScorerSpec } from './EvaluationSuite.js';
import { isBuiltinRubric, judgeRubrics } from './judgeRubrics.js';
import { parseJudgement } from './parseJudgement.js';
import { ResponseCache } from './ResponseCache.js';
import { type GoldenItem, readGoldenSet } from './readGoldenSet.js';
import { summarizeEvaluation } from './summarizeEvaluation.js';
import { estimateTokens, TokenBucket, type TokenBucketClock } from './TokenBucket.js';

/** What {@link runEvaluation} needs besides the suite. */
export interface EvaluationDependencies {
  /** A Bedrock Runtime client with SDK retries off (`createBedrockRuntimeClient`). */
  readonly client: BedrockRuntimeClient;
  /** Backoff of throttling and timeouts (`retryPolicyFrom`). */
  readonly retry: RetryPolicy;
  /** The run's time, for `startedAt`/`finishedAt`; default `Date.now`. */
  readonly now?: () => number;
  /** Stops starting items when aborted. */
  readonly signal?: AbortSignal;
  /** Clock and wait of the tokens-per-minute limits; default the system's. */
  readonly bucketClock?: TokenBucketClock;
}

/** The token budget of a run ran out: the run stops (exit status 3). */
export class TokenBudgetExceededError extends DriftwatchError {
  constructor(message: string) {
    super('INTERNAL', message);
  }
}

interface Counters {
  tokens: number;
  attempts: number;
  throttled: number;
  cacheHits: number;
  judgeInput: number;
  judgeOutput: number;
  embedding: number;
  byModel: Map<string, { input: number; output: number }>;
}

type CachedAnswer = Pick<ConverseOutcome, 'text' | 'stopReason' | 'inputTokens' | 'outputTokens' | 'latencyMs'>;

const variablePattern = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/gu;

function render(template: string, item: GoldenItem, dataset: string): string {
  const values: Record<string, string | undefined> = { ...item.variables, prompt: item.prompt, context: item.context };
  return template.replace(variablePattern, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new InputError(
        'INPUT_INVALID_VALUE',
        `${dataset}:${item.line}: the prompt template uses {{${name}}}, which item "${item.id}" lacks`,
        {
          location: { file: dataset, line: item.line },
        },
      );
    }
    return value;
  });
}

function inferenceConfig(params: InferenceParams | undefined): ConverseCommandInput['inferenceConfig'] {
  if (params === undefined) return undefined;
  const { stopSequences, ...rest } = params;
  return { ...rest, ...(stopSequences !== undefined ? { stopSequences: [...stopSequences] } : {}) };
}

function judgePrompt(spec: Extract<ScorerSpec, { type: 'judge' }>, item: GoldenItem, question: string, answer: string): string {
  const instructions = spec.instructions ?? (isBuiltinRubric(spec.rubric) ? judgeRubrics[spec.rubric] : '');
  const parts = [
    'You are an impartial judge. Grade the response by the rubric.',
    `<rubric>${spec.rubric}</rubric>`,
    `<instructions>${instructions}</instructions>`,
    `<question>${question}</question>`,
  ];
  if (item.context !== undefined) parts.push(`<context>${item.context}</context>`);
  if (item.references.length > 0) parts.push(`<reference>${item.references[0]}</reference>`);
  parts.push(`<response>${answer}</response>`);
  parts.push('Answer with JSON only: {"score": <number from 0 to 1>, "reasoning": "<one sentence>"}.');
  return parts.join('\n');
}

/**
 * Runs a golden-set suite once: reads the JSONL set, asks the target model each item (through
 * Converse, `concurrency` at a time, throttling and timeouts retried, answers cached by model,
 * parameters and prompt), scores the answers (deterministic scorers, Titan-embedding cosine,
 * LLM judges whose JSON answers are validated — unparseable ones counted, not scored) and
 * summarises them ({@link summarizeEvaluation}). Past `tokenBudget` the run stops with a
 * {@link TokenBudgetExceededError}; a failed target call is an item error, a failed judge or
 * embedding call fails the run (ProviderError).
 */
export async function runEvaluation(suite: EvaluationSuite, deps: EvaluationDependencies): Promise<EvaluationResult> {
  const now = deps.now ?? Date.now;
  const startedAt = new Date(now()).toISOString();
  const scorers = suite.scorers.map((spec, i) => {
    const name = spec.name ?? (spec.type === 'judge' ? spec.rubric : spec.type);
    if (spec.type === 'judge') {
      if (suite.judge === undefined) {
        throw new ConfigError(`evaluations.${suite.name}.scorers[${i}]: a judge scorer needs the suite's "judge" model`);
      }
      if (!isBuiltinRubric(spec.rubric) && spec.instructions === undefined) {
        throw new ConfigError(`evaluations.${suite.name}.scorers[${i}]: custom rubric "${spec.rubric}" needs "instructions"`);
      }
    }
    return { spec, name, score: deterministicScorer(spec, `evaluations.${suite.name}.scorers[${i}]`) as AnswerScorer | undefined };
  });
  const items = await readGoldenSet(suite.dataset);
  const cache = suite.cacheDir === undefined ? undefined : new ResponseCache(suite.cacheDir);
  const counters: Counters = {
    tokens: 0,
    attempts: 0,
    throttled: 0,
    cacheHits: 0,
    judgeInput: 0,
    judgeOutput: 0,
    embedding: 0,
    byModel: new Map(),
  };
  const budget = suite.tokenBudget ?? Number.POSITIVE_INFINITY;
  let done = 0;
  const checkBudget = () => {
    if (counters.tokens > budget) {
      throw new TokenBudgetExceededError(
        `evaluation "${suite.name}": token budget of ${budget} exceeded (${counters.tokens} tokens used after ${done} of ${items.length} items); raise tokenBudget or evaluate fewer items`,
      );
    }
  };
  const charge = (modelId: string, input: number, output: number) => {
    counters.tokens += input + output;
    const m = counters.byModel.get(modelId) ?? { input: 0, output: 0 };
    m.input += input;
    m.output += output;
    counters.byModel.set(modelId, m);
  };

  // One bucket per limited role, shared by the suite's concurrent calls.
  const targetBucket =
    suite.target.tokensPerMinute === undefined ? undefined : new TokenBucket(suite.target.tokensPerMinute, deps.bucketClock);
  const judgeBucket =
    suite.judge?.tokensPerMinute === undefined ? undefined : new TokenBucket(suite.judge.tokensPerMinute, deps.bucketClock);

  const converse = async (input: ConverseCommandInput, bucket?: TokenBucket): Promise<CachedAnswer & { cached: boolean }> => {
    const key = cache
      ? ResponseCache.key({
          op: 'converse',
          modelId: input.modelId,
          inferenceConfig: input.inferenceConfig,
          system: input.system,
          messages: input.messages,
        })
      : '';
    const hit = cache ? await cache.get<CachedAnswer>(key) : undefined;
    if (hit !== undefined) {
      counters.cacheHits++;
      return { ...hit, cached: true };
    }
    checkBudget();
    const texts = [...(input.system ?? []), ...(input.messages ?? []).flatMap((m) => m.content ?? [])].map((b) =>
      'text' in b && typeof b.text === 'string' ? b.text : '',
    );
    const estimate = bucket === undefined ? 0 : estimateTokens(texts);
    if (bucket) await bucket.take(estimate, deps.signal);
    let outcome: ConverseOutcome;
    try {
      outcome = await converseWithRetry(deps.client, input, deps.retry);
      bucket?.settle(estimate, outcome.inputTokens + outcome.outputTokens);
    } catch (error) {
      const attempts = Number(/after (\d+) attempt/u.exec((error as Error).message)?.[1] ?? 1);
      counters.attempts += attempts;
      counters.throttled += /ThrottlingException/u.test((error as Error).message) ? attempts : 0;
      throw error;
    }
    counters.attempts += outcome.attempts;
    counters.throttled += outcome.throttled;
    charge(input.modelId ?? '', outcome.inputTokens, outcome.outputTokens);
    const answer: CachedAnswer = {
      text: outcome.text,
      stopReason: outcome.stopReason,
      inputTokens: outcome.inputTokens,
      outputTokens: outcome.outputTokens,
      latencyMs: outcome.latencyMs,
    };
    if (cache) await cache.set(key, answer);
    return { ...answer, cached: false };
  };

  const embeddingModel = suite.embedding?.modelId ?? 'amazon.titan-embed-text-v2:0';
  const dimensions = suite.embedding?.dimensions ?? 1024;
  const embed = async (text: string): Promise<Float32Array> => {
    const key = cache ? ResponseCache.key({ op: 'embed', modelId: embeddingModel, dimensions, text }) : '';
    const hit = cache ? await cache.get<number[]>(key) : undefined;
    if (hit !== undefined) {
      counters.cacheHits++;
      return Float32Array.from(hit);
    }
    checkBudget();
    const out = await embedText(deps.client, text, { modelId: embeddingModel, dimensions }, deps.retry);
    counters.attempts += out.attempts;
    counters.embedding += out.inputTokens;
    charge(embeddingModel, out.inputTokens, 0);
    if (cache) await cache.set(key, Array.from(out.embedding));
    return out.embedding;
  };

  const evaluateItem = async (item: GoldenItem): Promise<EvaluationItemResult> => {
    const template = suite.target.template ?? '{{prompt}}';
    const messages =
      item.messages !== undefined
        ? item.messages.map((m) => ({ role: m.role, content: [{ text: m.content }] }))
        : [{ role: 'user' as const, content: [{ text: render(template, item, suite.dataset) }] }];
    const question = item.messages !== undefined ? (item.messages[item.messages.length - 1]?.content ?? '') : (item.prompt ?? '');
    const system = item.system ?? suite.target.system;
    const input: ConverseCommandInput = {
      modelId: suite.target.modelId,
      messages,
      ...(system !== undefined ? { system: [{ text: system }] } : {}),
      ...(suite.target.inference !== undefined ? { inferenceConfig: inferenceConfig(suite.target.inference) } : {}),
    };
    let answer: CachedAnswer & { cached: boolean };
    try {
      answer = await converse(input, targetBucket);
    } catch (error) {
      if (error instanceof TokenBudgetExceededError) throw error;
      const scores: Record<string, null> = {};
      for (const s of scorers) scores[s.name] = null;
      return {
        id: item.id,
        tags: item.tags,
        answer: null,
        error: (error as Error).message,
        scores,
        unparseable: [],
        latencyMs: null,
        inputTokens: 0,
        outputTokens: 0,
        cached: false,
      };
    }
    const scores: Record<string, number | null> = {};
    const unparseable: string[] = [];
    for (const scorer of scorers) {
      const { spec } = scorer;
      if (scorer.score !== undefined) scores[scorer.name] = scorer.score(answer.text, item.references);
      else if (spec.type === 'semantic') {
        if (item.references.length === 0 || answer.text.trim() === '') scores[scorer.name] = null;
        else {
          const [a, r] = [await embed(answer.text), await embed(item.references[0]!)];
          scores[scorer.name] = cosine(a, r);
        }
      } else if (spec.type === 'judge' && suite.judge !== undefined) {
        const verdict = await converse(
          {
            modelId: suite.judge.modelId,
            messages: [{ role: 'user', content: [{ text: judgePrompt(spec, item, question, answer.text) }] }],
            ...(suite.judge.inference !== undefined ? { inferenceConfig: inferenceConfig(suite.judge.inference) } : {}),
          },
          judgeBucket,
        );
        counters.judgeInput += verdict.inputTokens;
        counters.judgeOutput += verdict.outputTokens;
        const judgement = parseJudgement(verdict.text);
        if (judgement === undefined) unparseable.push(scorer.name);
        scores[scorer.name] = judgement?.score ?? null;
      }
    }
    return {
      id: item.id,
      tags: item.tags,
      answer: answer.text,
      scores,
      unparseable,
      latencyMs: answer.latencyMs,
      inputTokens: answer.inputTokens,
      outputTokens: answer.outputTokens,
      cached: answer.cached,
    };
  };

  const results: EvaluationItemResult[] = new Array(items.length);
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < items.length && deps.signal?.aborted !== true) {
      const index = next++;
      try {
        results[index] = await evaluateItem(items[index]!);
        done++;
      } catch (error) {
        failure ??= error;
      }
    }
  };
  const concurrency = Math.max(1, Math.min(suite.concurrency ?? 4, items.length));
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (failure !== undefined) throw failure;
  deps.signal?.throwIfAborted();
  checkBudget();
  return summarizeEvaluation(suite, results, {
    startedAt,
    finishedAt: new Date(now()).toISOString(),
    attempts: counters.attempts,
    throttled: counters.throttled,
    cacheHits: counters.cacheHits,
    judgeInput: counters.judgeInput,
    judgeOutput: counters.judgeOutput,
    embedding: counters.embedding,
    byModel: counters.byModel,
  });
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
