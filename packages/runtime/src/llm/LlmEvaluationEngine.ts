import type { MetricPoint } from '@driftwatch/core';
import type { EvaluationConfig } from '../config/evaluationConfigSchema.js';

/** The model and prompt a suite asks: the configured target, a challenger, or the champion a registry names. */
export interface LlmTarget {
  /** Model ID, inference profile ID or ARN. */
  readonly modelId: string;
  readonly inference?: EvaluationConfig['target']['inference'];
  readonly template?: string;
  readonly system?: string;
  /** Tokens per minute of the suite's calls to this model together. */
  readonly tokensPerMinute?: number;
}

/** A suite as an engine runs it: paths absolute, the target resolved. */
export interface LlmSuite {
  readonly name: string;
  /** The JSONL golden set (absolute path). */
  readonly dataset: string;
  readonly target: LlmTarget;
  readonly scorers: EvaluationConfig['scorers'];
  readonly judge?: EvaluationConfig['judge'];
  readonly embedding?: EvaluationConfig['embedding'];
  readonly concurrency?: number;
  readonly tokenBudget?: number;
  /** Response cache folder (absolute). */
  readonly cacheDir?: string;
  readonly prices?: EvaluationConfig['prices'];
  readonly bootstrap?: { readonly resamples?: number; readonly seed?: number };
}

/** The AWS connection of a suite (region, endpoint, profile, retries) as configured. */
export type LlmConnection = Readonly<
  Pick<EvaluationConfig, 'region' | 'endpoint' | 'profile' | 'maxAttempts' | 'retryBaseDelayMs' | 'retryMaxDelayMs'>
>;

/** A scorer's paired change between two runs over the same items (see the engine's `compare`). */
export interface LlmScorerChange {
  readonly scorer: string;
  readonly pairs: number;
  readonly previousMean: number | null;
  readonly currentMean: number | null;
  readonly meanDifference: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  /** Two-sided Wilcoxon signed-rank p-value of the paired differences; null when every pair is tied. */
  readonly pValue: number | null;
  readonly worse: number;
  readonly better: number;
}

/** What the runtime reads of a golden-set run result (`kind: 'llm'`); the engine's result carries more. */
export interface LlmEvaluationResult {
  readonly schemaVersion: 1;
  readonly kind: 'llm';
  readonly suite: string;
  readonly model: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly items: readonly { readonly id: string; readonly scores: Readonly<Record<string, number | null>> }[];
  readonly scorers: readonly {
    readonly scorer: string;
    readonly mean: number | null;
    readonly n: number;
    readonly passRate: number | null;
    readonly higherIsBetter: boolean;
  }[];
  readonly comparison?: {
    readonly previousStartedAt: string;
    readonly previousModel: string;
    readonly changes: readonly LlmScorerChange[];
  };
}

/**
 * The port between the runtime's LLM use cases (evaluation runs, the promotion gate) and the plugin
 * that talks to the model provider (`@driftwatch/plugin-aws-bedrock`'s `bedrockEvaluationEngine`).
 * The apps bind a loader of it, so the provider's SDK loads only when a suite runs.
 */
export interface LlmEvaluationEngine {
  /**
   * Runs a suite once. `configPath` (`evaluations[0]`) names the suite in configuration errors.
   * Rejects on a failed judge or embedding call, a token budget run out or bad input.
   */
  evaluate(
    suite: LlmSuite,
    connection: LlmConnection,
    env: Readonly<Record<string, string | undefined>>,
    options: { readonly configPath: string; readonly signal?: AbortSignal },
  ): Promise<LlmEvaluationResult>;
  /** `current` with its paired changes against `previous` over the items scored in both. */
  compare(
    previous: LlmEvaluationResult,
    current: LlmEvaluationResult,
    options?: { readonly resamples?: number; readonly seed?: number },
  ): LlmEvaluationResult;
  /** The run's metric points (`llm.<scorer>`, …; dimensions model, suite, tag). */
  points(result: LlmEvaluationResult): MetricPoint[];
  /** One line of a change: `correctness fell from 0.86 to 0.79, p = 0.003, 14 items got worse`. */
  formatChange(change: LlmScorerChange): string;
}

/** Loads the engine on first use. */
export type LlmEvaluationEngineLoader = () => Promise<LlmEvaluationEngine>;
