/** Inference parameters of a Converse call (`inferenceConfig`). */
export interface InferenceParams {
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stopSequences?: readonly string[];
}

/** The built-in judge rubrics, modelled on Bedrock model evaluation's LLM-as-judge metrics. */
export type BuiltinRubric =
  | 'correctness'
  | 'completeness'
  | 'faithfulness'
  | 'helpfulness'
  | 'coherence'
  | 'relevance'
  | 'harmfulness'
  | 'refusal';

/** A scorer of a suite. Every scorer gives a number per item; `threshold` turns it into pass/fail (score ≥ threshold). */
export type ScorerSpec = {
  /** The scorer's name in results and in the metric name `llm.<name>`; default its type (or rubric). */
  readonly name?: string;
  /** An item passes when its score ≥ threshold; default 0.5 (for `length`: passes when words ≤ `maxWords`). */
  readonly threshold?: number;
} & (
  | { readonly type: 'exact' | 'normalized' | 'token-f1' | 'rouge-l' | 'bleu' | 'semantic' }
  | { readonly type: 'regex'; readonly pattern: string; readonly flags?: string; readonly negate?: boolean }
  | { readonly type: 'contains'; readonly values: readonly string[]; readonly mode?: 'all' | 'any'; readonly caseSensitive?: boolean }
  | { readonly type: 'json-schema'; readonly schema: object }
  | { readonly type: 'length'; readonly maxWords?: number }
  | {
      readonly type: 'judge';
      /** A built-in rubric, or any name for a custom rubric given by `instructions`. */
      readonly rubric: string;
      /** The rubric's text; required for a custom rubric, replaces the built-in text otherwise. */
      readonly instructions?: string;
    }
);

/** Price of a model, in a currency of your choice, per 1000 tokens. */
export interface ModelPrice {
  readonly inputPer1k: number;
  readonly outputPer1k: number;
}

/** A golden-set suite, as the config's `evaluations:` entries resolve to (paths absolute). */
export interface EvaluationSuite {
  readonly name: string;
  /** The JSONL golden set (absolute path). */
  readonly dataset: string;
  readonly target: {
    /** Model ID, inference profile ID or ARN. */
    readonly modelId: string;
    readonly inference?: InferenceParams;
    /** The user message, with `{{prompt}}`, `{{context}}` and the item's `variables`; default `{{prompt}}`. */
    readonly template?: string;
    /** System prompt for items without their own `system`. */
    readonly system?: string;
    /** Tokens per minute the suite's calls to the target may use together (estimated before a call, corrected after); default no limit. */
    readonly tokensPerMinute?: number;
  };
  readonly scorers: readonly ScorerSpec[];
  /** The judge model, required by `judge` scorers. */
  readonly judge?: { readonly modelId: string; readonly inference?: InferenceParams; readonly tokensPerMinute?: number };
  /** The embedding model of `semantic` scorers; default Titan Text Embeddings v2 at 1024 dimensions. */
  readonly embedding?: { readonly modelId?: string; readonly dimensions?: 256 | 512 | 1024 };
  /** Items evaluated at once; default 4. */
  readonly concurrency?: number;
  /** Tokens (input + output, target, judge and embeddings, cache hits excluded) a run may use; the run stops with an error past it. */
  readonly tokenBudget?: number;
  /** Folder of the response cache (absolute); none when absent. */
  readonly cacheDir?: string;
  /** Prices by model ID, for the estimated cost. */
  readonly prices?: Readonly<Record<string, ModelPrice>>;
  /** Bootstrap resamples of the confidence intervals (default 2000) and their seed (default 1). */
  readonly bootstrap?: { readonly resamples?: number; readonly seed?: number };
}
