import { z } from 'zod';

/** Converse inference parameters (`inferenceConfig`). */
const inferenceSchema = z.strictObject({
  /** Most tokens the model may generate. */
  maxTokens: z.int().min(1).optional(),
  /** Sampling temperature, 0–1 for most Bedrock models. */
  temperature: z.number().min(0).max(2).optional(),
  /** Nucleus sampling mass, (0, 1]. */
  topP: z.number().gt(0).max(1).optional(),
  /** Strings that stop generation. */
  stopSequences: z.array(z.string().min(1)).max(10).optional(),
});

const scorerCommon = {
  /** Name in results and in the metric `llm.<name>`; default the type (judges: the rubric). Letters, digits, `_`, `-`. */
  name: z
    .string()
    .regex(/^[A-Za-z][\w-]*$/u, 'letters, digits, "_" and "-", starting with a letter')
    .optional(),
  /** An item passes when its score ≥ threshold; default 0.5. */
  threshold: z.number().optional(),
};

/** A scorer of an evaluation suite. */
export const evaluationScorerSchema = z.discriminatedUnion('type', [
  /** exact / SQuAD-normalised match, token F1, ROUGE-L F, sentence BLEU / 100, Titan-embedding cosine with the reference. */
  z.strictObject({ type: z.enum(['exact', 'normalized', 'token-f1', 'rouge-l', 'bleu', 'semantic']), ...scorerCommon }),
  /** 1 when the JavaScript regular expression matches the answer (0 with `negate`). */
  z.strictObject({
    type: z.literal('regex'),
    pattern: z.string().min(1),
    flags: z.string().optional(),
    negate: z.boolean().optional(),
    ...scorerCommon,
  }),
  /** 1 when the answer contains all (or `any`) of `values`. */
  z.strictObject({
    type: z.literal('contains'),
    values: z.array(z.string().min(1)).min(1),
    mode: z.enum(['all', 'any']).optional(),
    caseSensitive: z.boolean().optional(),
    ...scorerCommon,
  }),
  /** 1 when the answer is JSON valid against the JSON Schema. */
  z.strictObject({ type: z.literal('json-schema'), schema: z.record(z.string(), z.unknown()), ...scorerCommon }),
  /** The answer's length in words; passes when ≤ `maxWords`. */
  z.strictObject({ type: z.literal('length'), maxWords: z.int().min(1).optional(), ...scorerCommon }),
  /**
   * An LLM judge through Converse: a built-in rubric (correctness, completeness, faithfulness,
   * helpfulness, coherence, relevance, harmfulness, refusal) or a custom one with `instructions`.
   */
  z.strictObject({
    type: z.literal('judge'),
    rubric: z.string().regex(/^[A-Za-z][\w-]*$/u, 'letters, digits, "_" and "-", starting with a letter'),
    instructions: z.string().min(1).optional(),
    ...scorerCommon,
  }),
]);

/** One golden-set suite (`evaluations[]`), run by `driftwatch eval`. */
export const evaluationConfigSchema = z.strictObject({
  /** The suite's name: the run's monitor name in the store and the `suite` dimension of its points. */
  name: z.string().regex(/^[A-Za-z0-9][\w.-]*$/u, 'letters, digits, ".", "_" and "-"'),
  /** The JSONL golden set, relative to the config file. */
  dataset: z.string().min(1),
  target: z.strictObject({
    /** Bedrock model ID, inference profile ID or ARN. */
    modelId: z.string().min(1),
    inference: inferenceSchema.optional(),
    /** The user message with `{{prompt}}`, `{{context}}` and item `variables`; default `{{prompt}}`. */
    template: z.string().min(1).optional(),
    /** System prompt for items without their own. */
    system: z.string().min(1).optional(),
  }),
  scorers: z.array(evaluationScorerSchema).min(1, 'at least one scorer is required'),
  /** The judge model of `judge` scorers. */
  judge: z.strictObject({ modelId: z.string().min(1), inference: inferenceSchema.optional() }).optional(),
  /** The embedding model of `semantic` scorers; default Titan Text Embeddings v2, 1024 dimensions. */
  embedding: z
    .strictObject({
      modelId: z.string().min(1).optional(),
      dimensions: z.union([z.literal(256), z.literal(512), z.literal(1024)]).optional(),
    })
    .optional(),
  /** Items evaluated at once; default 4. */
  concurrency: z.int().min(1).max(256).default(4),
  /** Tokens a run may use (model calls, cache hits excluded); past it the run stops with exit status 3. */
  tokenBudget: z.int().min(1).optional(),
  /**
   * Response cache folder relative to the config file, for re-scoring without re-invoking (answers
   * keyed by model, parameters and prompt). Off by default: a monitoring run must ask the model again.
   */
  cache: z.string().min(1).optional(),
  /** Price per 1000 input and output tokens by model ID, for the estimated cost. */
  prices: z.record(z.string(), z.strictObject({ inputPer1k: z.number().min(0), outputPer1k: z.number().min(0) })).default({}),
  /** Bootstrap resamples and seed of the confidence intervals. */
  bootstrap: z
    .strictObject({ resamples: z.int().min(100).max(100_000).default(2000), seed: z.int().default(1) })
    .default({ resamples: 2000, seed: 1 }),
  /** AWS connection of the Bedrock Runtime client: region, endpoint, profile, retries (as every AWS provider). */
  region: z.string().optional(),
  endpoint: z.string().optional(),
  profile: z.string().optional(),
  maxAttempts: z.int().min(1).max(10).optional(),
  retryBaseDelayMs: z.int().min(1).optional(),
  retryMaxDelayMs: z.int().min(1).optional(),
});

/** An evaluation suite as configured. */
export type EvaluationConfig = Readonly<z.output<typeof evaluationConfigSchema>>;
