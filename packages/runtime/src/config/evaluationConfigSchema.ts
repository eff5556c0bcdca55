import { durationSchema } from '@driftwatch/core';
import { z } from 'zod';
import { monitorScheduleSchema } from '../schedule/monitorScheduleSchema.js';
import { alertRuleConfigSchema } from './alertRuleConfigSchema.js';

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

const nameSchema = z.string().regex(/^[A-Za-z][\w.-]*$/u, 'letters, digits, ".", "_" and "-", starting with a letter');

/** A challenger of a suite's target: another model and/or prompt version; unset fields are the target's. */
const challengerSchema = z.strictObject({
  /** Unique within the suite; the challenger's version label in the registry. */
  name: nameSchema,
  /** Bedrock model ID, inference profile ID or ARN; default the target's. */
  modelId: z.string().min(1).optional(),
  /** The user message template; default the target's. */
  template: z.string().min(1).optional(),
  /** The system prompt; default the target's. */
  system: z.string().min(1).optional(),
  /** Inference parameters; default the target's. */
  inference: inferenceSchema.optional(),
  /** The prompt version written with the model ID when this challenger is deployed; default the target's. */
  promptVersion: z.string().min(1).optional(),
  /** Tokens per minute; default the target's. */
  tokensPerMinute: z.int().min(1).optional(),
});

/** A provider picked by `type`; its own options are checked by the provider. */
const providerSchema = z.looseObject({ type: z.string().min(1, 'a provider type is required') });

/**
 * The gate a challenger must pass against the champion, on the golden set, paired item by item (the
 * tabular gate's rules with scorer means for metrics): the primary scorer's mean gain, its
 * significance (two-sided Wilcoxon signed-rank on the paired differences), a maximum regression of
 * every other scorer, and floors.
 */
export const llmGateSchema = z
  .strictObject({
    /** The primary scorer (a scorer name of the suite) champion and challenger are compared on. Required. */
    scorer: z.string().min(1),
    /** The challenger's mean must beat the champion's by at least this (signed so that positive is better). Excludes maxLoss; with neither, 0. */
    minGain: z.number().min(0).optional(),
    /** Or: the challenger's mean may be worse by at most this (non-inferiority, e.g. a cheaper model). Excludes minGain. */
    maxLoss: z.number().min(0).optional(),
    /**
     * Also require significance: the Wilcoxon signed-rank p-value of the paired differences on the
     * primary scorer below alpha (with minGain only; a non-inferiority gate has no such test). Optional.
     */
    alpha: z.number().gt(0).lt(1).optional(),
    /** Every other scorer's mean may get worse by at most this (absolute). Default: not checked. */
    maxRegression: z.number().min(0).optional(),
    /** Per-scorer maximum regression, over maxRegression (e.g. `{ harmfulness: 0 }`). */
    maxRegressionByScorer: z.record(z.string(), z.number().min(0)).default({}),
    /** Scorer → bound the challenger's mean must reach (a ceiling for lower-is-better scorers: harmfulness, refusal, length). */
    floors: z.record(z.string(), z.number()).default({}),
  })
  .superRefine((gate, ctx) => {
    if (gate.minGain !== undefined && gate.maxLoss !== undefined)
      ctx.addIssue({ code: 'custom', path: ['maxLoss'], message: 'give minGain or maxLoss, not both' });
  });

/** A suite's closed loop (`promotion:`). */
const promotionSchema = z.strictObject({
  /** The model's name in the registry and in the deployed value; default the suite's name. */
  model: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/u, 'letters, digits, ".", "_" or "-", starting with a letter or digit')
    .optional(),
  /** What starts an attempt besides `driftwatch retrain <suite>`. */
  when: z
    .strictObject({
      /** `true`: any alert the suite's rules fire on a run; a list: only these rule names. Default false. */
      alerts: z.union([z.boolean(), z.array(z.string().min(1)).min(1)]).default(false),
      /** No new attempt within this time of the newest attempt's start (manual requests excepted). Default 0. */
      cooldown: durationSchema.default(0),
    })
    .default({ alerts: false, cooldown: 0 }),
  gate: llmGateSchema,
  /**
   * Checked after the deployment by evaluating the deployed champion again: scorer floors and the
   * primary scorer's largest fall below its gate mean. Failing rolls the deployer back to the
   * previous champion. Optional.
   */
  postDeploy: z
    .strictObject({
      floors: z.record(z.string(), z.number()).default({}),
      maxLoss: z.number().min(0).optional(),
    })
    .optional(),
  /** Where versions (target and challengers) are registered. Default `{ type: folder, path: .driftwatch/models }`. */
  registry: providerSchema.default({ type: 'folder', path: '.driftwatch/models' }),
  /**
   * Where the champion (model ID, prompt version) is written: `ssm-parameter` (the default type:
   * `{ parameterName: /app/champion }`) or `champion-file` (`{ type: champion-file, path }`, offline). Required.
   */
  deployer: z.looseObject({ type: z.string().min(1).default('ssm-parameter') }),
});

/** One golden-set suite (`evaluations[]`), run by `driftwatch eval`, `driftwatch run` and the server scheduler. */
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
    /** The prompt's version, written with the model ID where applications read the champion (e.g. `v3`). */
    promptVersion: z.string().min(1).optional(),
    /** Tokens per minute the suite's calls to this model may use together (estimated before a call, corrected after); default no limit. */
    tokensPerMinute: z.int().min(1).optional(),
  }),
  scorers: z.array(evaluationScorerSchema).min(1, 'at least one scorer is required'),
  /** The judge model of `judge` scorers. */
  judge: z
    .strictObject({
      modelId: z.string().min(1),
      inference: inferenceSchema.optional(),
      /** Tokens per minute the judge calls may use together; default no limit. */
      tokensPerMinute: z.int().min(1).optional(),
    })
    .optional(),
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
  /**
   * When `driftwatch serve` runs this suite, as a monitor's `schedule:` (cron or `{ every | cron, jitter, missed }`).
   * Without it the server runs it only when asked; `driftwatch run` runs it every time.
   */
  schedule: monitorScheduleSchema.optional(),
  /** Alert rules on the suite's `llm.*` points (e.g. `llm.correctness.pass_rate` below 0.8), as a monitor's `alerts:`. */
  alerts: z.array(alertRuleConfigSchema).default([]),
  /**
   * Other models and/or prompt versions that may replace the target (the champion): each names what differs
   * from the target; the rest is the target's. Evaluated on the golden set by `promotion:`.
   */
  challengers: z.array(challengerSchema).default([]),
  /** The LLM closed loop: when to evaluate the challengers, the gate they must pass and where the champion is written. */
  promotion: promotionSchema.optional(),
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

/** A suite's promotion gate as configured. */
export type LlmGateConfig = Readonly<z.output<typeof llmGateSchema>>;
