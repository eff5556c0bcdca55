import { awsConnectionOptions } from '@driftwatch/aws-common';
import { z } from 'zod';
import { isBuiltinRubric } from '../evaluation/judgeRubrics.js';
import { defaultRefusalStopReasons } from '../traffic/refusalDetector.js';

const regexSource = z.string().superRefine((pattern, ctx) => {
  try {
    new RegExp(pattern, 'iu');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a regular expression: ${(error as Error).message}` });
  }
});

/** Where the Bedrock Runtime client of `embeddings` or `judge` connects; retries follow the source's `maxAttempts`/`retry*Ms`. */
const runtimeConnection = {
  region: awsConnectionOptions.shape.region.describe(
    "AWS region of the Bedrock Runtime calls; default: the source's region, then AWS_REGION…",
  ),
  endpoint: awsConnectionOptions.shape.endpoint.describe(
    "Bedrock Runtime endpoint override (a VPC endpoint, a local server); not the source's S3 `endpoint`. Default: the regional endpoint",
  ),
  profile: awsConnectionOptions.shape.profile.describe("named profile of the Bedrock Runtime calls; default: the source's profile"),
};

/** The default cache folder of embeddings and judgements, relative to the config file. */
export const defaultTrafficCache = '.driftwatch/bedrock-cache';

const cacheOption = z
  .union([z.string().min(1), z.literal(false)])
  .default(defaultTrafficCache)
  .describe(
    `folder (relative to the config file) caching results by model and text hash, so a re-run does not invoke again; false turns it off (default ${defaultTrafficCache})`,
  );

const rubricName = z.string().regex(/^[A-Za-z][\w-]*$/u, 'letters, digits, "_" and "-", starting with a letter');

/** `embeddings:` of the source: Titan embeddings of the prompt and/or response texts. */
export const trafficEmbeddingOptions = z.strictObject({
  modelId: z.string().min(1).default('amazon.titan-embed-text-v2:0').describe('embedding model (default Titan Text Embeddings v2)'),
  dimensions: z
    .union([z.literal(256), z.literal(512), z.literal(1024)])
    .default(1024)
    .describe('vector width: 256, 512 or 1024 (default 1024)'),
  normalize: z.boolean().default(true).describe('unit-length vectors (default true, as Titan)'),
  of: z
    .array(z.enum(['prompt', 'response']))
    .min(1)
    .default(['prompt', 'response'])
    .describe('texts to embed, each into a column <text>_embedding (default both)'),
  batch: z
    .int()
    .min(1)
    .max(64)
    .default(8)
    .describe('texts embedded at once: InvokeModel calls in flight (Titan takes one text per call; default 8)'),
  cache: cacheOption,
  ...runtimeConnection,
});

/** One rubric of `judge.rubrics`: a built-in name, or a custom rubric with its instructions. */
const rubricSpec = z.union([
  rubricName,
  z.strictObject({
    name: rubricName.describe('the rubric: column judge_<name>, metric llm.judge.<name>'),
    instructions: z.string().min(1).optional().describe("the rubric's text; required for a custom rubric, replaces a built-in one's"),
    threshold: z.number().min(0).max(1).optional().describe("pass threshold of this rubric (default the judge's threshold)"),
  }),
]);

/** `judge:` of the source: an LLM judge on a deterministic sample of the traffic. */
export const trafficJudgeOptions = z
  .strictObject({
    modelId: z.string().min(1).describe('the judge model (Converse)'),
    rubrics: z
      .array(rubricSpec)
      .min(1)
      .optional()
      .describe('rubrics to score: built-in names (helpfulness, relevance, …) or { name, instructions }'),
    rubric: rubricSpec.optional().describe('one rubric (shorthand of rubrics: [x])'),
    sample: z.number().gt(0).max(1).default(0.05).describe('share of the requests judged, (0, 1] (default 0.05)'),
    seed: z
      .union([z.int(), z.string()])
      .default(0)
      .describe('seed of the sample: a request is judged when a hash of seed and request id falls below `sample` (default 0)'),
    threshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('a score passes at or above it (below it for harmfulness and refusal, where 1 is bad); default 0.5'),
    concurrency: z.int().min(1).max(64).default(4).describe('judge calls in flight (default 4)'),
    inference: z
      .strictObject({
        maxTokens: z.int().min(1).optional(),
        temperature: z.number().min(0).max(2).optional(),
        topP: z.number().gt(0).max(1).optional(),
      })
      .optional()
      .describe('inferenceConfig of the judge calls'),
    cache: cacheOption,
    ...runtimeConnection,
  })
  .superRefine((judge, ctx) => {
    if ((judge.rubrics === undefined) === (judge.rubric === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['rubrics'], message: 'give the rubrics to score (rubrics: [helpfulness, …]) or one rubric' });
      return;
    }
    const specs = judge.rubrics ?? [judge.rubric!];
    const seen = new Set<string>();
    specs.forEach((spec, i) => {
      const name = typeof spec === 'string' ? spec : spec.name;
      const path = judge.rubrics ? ['rubrics', i] : ['rubric'];
      if (seen.has(name)) ctx.addIssue({ code: 'custom', path, message: `rubric "${name}" is given twice` });
      seen.add(name);
      if (!isBuiltinRubric(name) && (typeof spec === 'string' || spec.instructions === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `"${name}" is not a built-in rubric (correctness, completeness, faithfulness, helpfulness, coherence, relevance, harmfulness, refusal): give { name: ${name}, instructions: "…" }`,
        });
      }
    });
  });

/** `refusals:` of the source: what counts as a refusal. */
export const trafficRefusalOptions = z.strictObject({
  patterns: z
    .array(regexSource)
    .min(1)
    .optional()
    .describe('regular expressions (case-insensitive) a refusing response contains; replace the defaults (see defaultRefusalPatterns)'),
  extraPatterns: z.array(regexSource).default([]).describe('regular expressions added to the patterns'),
  stopReasons: z
    .array(z.string().min(1))
    .default([...defaultRefusalStopReasons])
    .describe(`stop reasons that make a response a refusal, case-insensitive (default ${defaultRefusalStopReasons.join(', ')})`),
});

/** Options of the `bedrock-invocation-logs` data source. */
export const bedrockInvocationLogsOptions = z
  .object({
    ...awsConnectionOptions.shape,
    uri: z
      .string()
      .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/\S*)?$/, 'an S3 URI such as s3://bucket/prefix')
      .describe(
        's3://bucket/prefix holding invocation logs: the S3 destination of invocation logging (…/AWSLogs/<account>/BedrockModelInvocationLogs/…) or CloudWatch Logs export files',
      ),
    // Not `from`/`to`: a monitor's reference with a `from` key is read as `{ from: champion }`.
    since: z.iso.datetime({ offset: true }).optional().describe('keep records with a timestamp at or after this ISO time'),
    until: z.iso.datetime({ offset: true }).optional().describe('keep records with a timestamp before this ISO time'),
    modelId: z.string().min(1).optional().describe('keep only records of this model ID or ARN (default all)'),
    forcePathStyle: z
      .boolean()
      .default(false)
      .describe('address S3 objects as endpoint/bucket/key rather than bucket.endpoint/key; most S3 emulators need it (default false)'),
    refusals: trafficRefusalOptions
      .default({ extraPatterns: [], stopReasons: [...defaultRefusalStopReasons] })
      .describe('what makes a response a refusal (column refusal, figure llm.refusal_rate)'),
    embeddings: trafficEmbeddingOptions
      .optional()
      .describe('Titan embeddings of the prompts and/or responses as columns prompt_embedding / response_embedding (default none)'),
    judge: trafficJudgeOptions
      .optional()
      .describe('an LLM judge on a sample of the requests: columns judge_<rubric>, figures llm.judge.<rubric>'),
  })
  .strict();

/** Parsed options of the `bedrock-invocation-logs` data source. */
export type BedrockInvocationLogsOptions = z.output<typeof bedrockInvocationLogsOptions>;
/** Parsed `embeddings:` options. */
export type TrafficEmbeddingOptions = z.output<typeof trafficEmbeddingOptions>;
/** Parsed `judge:` options. */
export type TrafficJudgeOptions = z.output<typeof trafficJudgeOptions>;
/** Parsed `refusals:` options. */
export type TrafficRefusalOptions = z.output<typeof trafficRefusalOptions>;
