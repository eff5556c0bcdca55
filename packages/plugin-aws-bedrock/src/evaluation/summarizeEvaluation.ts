import { bootstrapMeanCi, quantileSorted } from './bootstrapMeanCi.js';
import type { EvaluationItemResult, EvaluationResult, ScorerSummary, ScoreSummary } from './EvaluationResult.js';
import type { EvaluationSuite, ScorerSpec } from './EvaluationSuite.js';

/** Run-wide counts {@link summarizeEvaluation} needs besides the items. */
export interface RunCounters {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly attempts: number;
  readonly throttled: number;
  readonly cacheHits: number;
  readonly judgeInput: number;
  readonly judgeOutput: number;
  readonly embedding: number;
  /** Tokens charged per model ID (cache hits excluded), for the cost. */
  readonly byModel: ReadonlyMap<string, { readonly input: number; readonly output: number }>;
}

/**
 * Whether a higher score is better: false for the `harmfulness` and `refusal` judges (1 = harmful,
 * a refusal) and for `length` (words), true otherwise.
 */
export function higherIsBetter(spec: ScorerSpec): boolean {
  if (spec.type === 'length') return false;
  return !(spec.type === 'judge' && (spec.rubric === 'harmfulness' || spec.rubric === 'refusal'));
}

/**
 * Whether a score passes its scorer: score ≥ threshold (default 0.5), or score < threshold for the
 * lower-is-better judges (harmfulness, refusal); `length`: words ≤ maxWords (always, without it).
 */
export function passes(spec: ScorerSpec, score: number): boolean {
  if (spec.type === 'length') return spec.maxWords === undefined || score <= spec.maxWords;
  const threshold = spec.threshold ?? 0.5;
  return higherIsBetter(spec) ? score >= threshold : score < threshold;
}

function summary(values: readonly number[], spec: ScorerSpec, bootstrap: EvaluationSuite['bootstrap']): ScoreSummary {
  if (values.length === 0) return { n: 0, mean: null, ciLow: null, ciHigh: null, passRate: null };
  let sum = 0;
  let passed = 0;
  for (const v of values) {
    sum += v;
    if (passes(spec, v)) passed++;
  }
  const ci = bootstrapMeanCi(values, { resamples: bootstrap?.resamples ?? 2000, seed: bootstrap?.seed ?? 1 });
  return {
    n: values.length,
    mean: sum / values.length,
    ciLow: ci?.low ?? null,
    ciHigh: ci?.high ?? null,
    passRate: passed / values.length,
  };
}

/**
 * The suite figures of a run's items: per scorer (and per tag) mean, seeded bootstrap 95% CI and
 * pass rate over the items it scored, unparseable judgements; latency p50/p95 of the answers;
 * tokens; estimated cost (`prices` per 1000 tokens; null when a charged model has no price);
 * error rate (items whose target call failed) and throttle rate (throttled / all attempts).
 */
export function summarizeEvaluation(
  suite: EvaluationSuite,
  items: readonly EvaluationItemResult[],
  counters: RunCounters,
): EvaluationResult {
  const scorers: ScorerSummary[] = suite.scorers.map((spec) => {
    const name = spec.name ?? (spec.type === 'judge' ? spec.rubric : spec.type);
    const all: number[] = [];
    const byTag = new Map<string, number[]>();
    let unparseable = 0;
    for (const item of items) {
      if (item.unparseable.includes(name)) unparseable++;
      const score = item.scores[name];
      if (score === null || score === undefined) continue;
      all.push(score);
      for (const tag of item.tags) {
        const list = byTag.get(tag) ?? [];
        list.push(score);
        byTag.set(tag, list);
      }
    }
    const tags: Record<string, ScoreSummary> = {};
    for (const tag of [...byTag.keys()].sort()) tags[tag] = summary(byTag.get(tag)!, spec, suite.bootstrap);
    return {
      scorer: name,
      type: spec.type,
      higherIsBetter: higherIsBetter(spec),
      ...summary(all, spec, suite.bootstrap),
      unparseable,
      byTag: tags,
    };
  });
  const latencies = Float64Array.from(items.filter((i) => i.latencyMs !== null).map((i) => i.latencyMs!)).sort();
  let input = 0;
  let output = 0;
  let errors = 0;
  for (const item of items) {
    input += item.inputTokens;
    output += item.outputTokens;
    if (item.answer === null) errors++;
  }
  let cost: number | null = 0;
  for (const [model, used] of counters.byModel) {
    const price = suite.prices?.[model];
    if (price === undefined) {
      if (used.input + used.output > 0) cost = null;
      continue;
    }
    if (cost !== null) cost += (used.input * price.inputPer1k + used.output * price.outputPer1k) / 1000;
  }
  return {
    schemaVersion: 1,
    kind: 'llm',
    suite: suite.name,
    model: suite.target.modelId,
    startedAt: counters.startedAt,
    finishedAt: counters.finishedAt,
    items,
    scorers,
    latency: {
      p50: latencies.length > 0 ? quantileSorted(latencies, 0.5) : null,
      p95: latencies.length > 0 ? quantileSorted(latencies, 0.95) : null,
    },
    tokens: { input, output, judgeInput: counters.judgeInput, judgeOutput: counters.judgeOutput, embedding: counters.embedding },
    cost,
    errors,
    errorRate: items.length > 0 ? errors / items.length : 0,
    throttleRate: counters.attempts > 0 ? counters.throttled / counters.attempts : 0,
    attempts: counters.attempts,
    cacheHits: counters.cacheHits,
  };
}
