/** One item's outcome in a run. */
export interface EvaluationItemResult {
  readonly id: string;
  readonly tags: readonly string[];
  /** The target model's answer; null when the call failed. */
  readonly answer: string | null;
  /** Why the target call failed (after its retries). */
  readonly error?: string;
  /** Score per scorer name; null when not scored (failed call, unparseable judgement, failed embedding). */
  readonly scores: Readonly<Record<string, number | null>>;
  /** Scorers whose judge answer did not validate. */
  readonly unparseable: readonly string[];
  /** The service's `latencyMs` of the target call (of the cached answer on a cache hit). */
  readonly latencyMs: number | null;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** The target answer came from the response cache. */
  readonly cached: boolean;
}

/** Mean with its bootstrap interval and pass rate, over the items scored. */
export interface ScoreSummary {
  /** Items with a score. */
  readonly n: number;
  /** null when n = 0. */
  readonly mean: number | null;
  /** Percentile bootstrap 95% interval of the mean (seeded); null when n = 0. */
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  /** Share of scored items that pass; null when n = 0. */
  readonly passRate: number | null;
}

/** A scorer's figures over the suite and per tag. */
export interface ScorerSummary extends ScoreSummary {
  readonly scorer: string;
  readonly type: string;
  /** False for harmfulness and refusal judges and for length: there a rise is a change for the worse. */
  readonly higherIsBetter: boolean;
  /** Judge answers that did not validate (counted, never guessed). */
  readonly unparseable: number;
  readonly byTag: Readonly<Record<string, ScoreSummary>>;
}

/** A scorer's paired change against the previous run of the suite. */
export interface ScorerChange {
  readonly scorer: string;
  /** Items scored in both runs. */
  readonly pairs: number;
  readonly previousMean: number | null;
  readonly currentMean: number | null;
  /** Mean of (current − previous) over the pairs. */
  readonly meanDifference: number | null;
  /** Paired bootstrap 95% interval of the mean difference (seeded). */
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  /** Two-sided Wilcoxon signed-rank p-value (NaN-free: null when every pair is tied). */
  readonly pValue: number | null;
  readonly method: 'exact' | 'asymptotic' | null;
  /** Items whose score moved the bad way (down, or up where lower is better). */
  readonly worse: number;
  readonly better: number;
}

/** The result of one golden-set run: `kind: 'llm'`, what `eval --format json` prints and the store keeps. */
export interface EvaluationResult {
  readonly schemaVersion: 1;
  readonly kind: 'llm';
  readonly suite: string;
  readonly model: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly items: readonly EvaluationItemResult[];
  readonly scorers: readonly ScorerSummary[];
  /** p50/p95 of the target calls' service latency, ms; null without answers. */
  readonly latency: { readonly p50: number | null; readonly p95: number | null };
  /** Tokens used: target, judge and embeddings, cache hits included (their recorded usage). */
  readonly tokens: {
    readonly input: number;
    readonly output: number;
    readonly judgeInput: number;
    readonly judgeOutput: number;
    readonly embedding: number;
  };
  /** Estimated cost from the config's price table; null when a used model has no price. */
  readonly cost: number | null;
  /** Items whose target call failed. */
  readonly errors: number;
  readonly errorRate: number;
  /** Throttled attempts / all attempts of model calls (cache hits make none). */
  readonly throttleRate: number;
  readonly attempts: number;
  /** Model calls answered from the cache (target, judge and embeddings). */
  readonly cacheHits: number;
  /** Paired changes against the previous run of the suite, when there is one. */
  readonly comparison?: {
    readonly previousStartedAt: string;
    readonly previousModel: string;
    readonly changes: readonly ScorerChange[];
  };
}
