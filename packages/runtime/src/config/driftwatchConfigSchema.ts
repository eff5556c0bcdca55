import {
  chunkPeriods,
  columnKinds,
  constantColumnPolicies,
  driftDefaultSets,
  durationAtLeast,
  multivariateMethods,
  seedSchema,
} from '@driftwatch/core';
import { retrainingConfigSchema } from '@driftwatch/retraining';
import { z } from 'zod';
import { parseMemorySize } from '../memory/parseMemorySize.js';
import { monitorScheduleSchema } from '../schedule/monitorScheduleSchema.js';
import { alertRuleConfigSchema } from './alertRuleConfigSchema.js';
import { evaluationConfigSchema } from './evaluationConfigSchema.js';

export { alertRuleConfigSchema };

import { defaultServerConfig, serverConfigSchema } from './serverConfigSchema.js';

/**
 * A provider picked by `type`, with the provider's own options beside it.
 * The options are checked against the provider's zod schema once the
 * plugins are loaded (see `loadConfig`), so only `type` is checked here.
 */
export const providerConfigSchema = z.looseObject({
  /** The provider's `type`, e.g. `jsonl`, `cloudwatch`; `driftwatch plugins` lists them. */
  type: z.string().min(1, 'a provider type is required'),
});

/**
 * A data source: a local file by `path` (the type follows from its extension),
 * or any provider by `type` with that provider's own options (`uri:` for the
 * S3 and SageMaker data-capture sources), checked once the plugins are loaded.
 */
export const sourceConfigSchema = z
  .looseObject({
    /** `csv`, `tsv`, `jsonl`, `parquet`, `s3`, `sagemaker-capture` or a plugin's type; inferred from the extension of `path` when absent. */
    type: z.string().min(1).optional(),
    /** File path (relative to the config file's folder). */
    path: z.string().min(1, 'a path is required').optional(),
  })
  .refine((s) => s.type !== undefined || s.path !== undefined, {
    message: 'give a path (the type follows from its extension) or a type with its options',
  });

/**
 * A reference that follows the champion: the data the serving version was validated on (the
 * gate's holdout with every column and the version's own predictions, recorded with the version
 * when it was registered), or
 * `initial` while no version with recorded data serves. Needs the monitor's `retraining:` block,
 * whose registry names the champion.
 */
export const championReferenceSchema = z.strictObject({
  /** `champion`: compare against the data the serving version was validated on, with its own predictions. */
  from: z.literal('champion'),
  /** The reference until a champion with recorded data serves (the first model's data). Required. */
  initial: sourceConfigSchema,
});

/** A validated {@link championReferenceSchema}. */
export type ChampionReferenceConfig = z.output<typeof championReferenceSchema>;

/**
 * Whether a monitor's reference follows the champion. Not `'from' in reference`: data sources have
 * options named `from` too (`sagemaker-capture`'s time range), and a source config always has a
 * `type`, which the strict champion form cannot have.
 */
export function isChampionReference(reference: object): reference is ChampionReferenceConfig {
  return !('type' in reference) && (reference as { from?: unknown }).from === 'champion';
}

/** A monitor's reference: a data source, or `{ from: champion, initial }`. */
export const referenceConfigSchema = z.union([championReferenceSchema, sourceConfigSchema]);

/** An alert channel; `name` (default: its type) is how alert rules refer to it. */
export const channelConfigSchema = z.looseObject({
  type: z.string().min(1, 'a provider type is required'),
  /** Name alert rules use in `channels:`; defaults to the type. Unique. */
  name: z.string().min(1).optional(),
});

const columnName = z.string().min(1);

/** The roles of columns and kinds that override inference. */
export const monitorSchemaConfigSchema = z.strictObject({
  /** Column holding the true label or value (model quality needs it). */
  target: columnName.optional(),
  /** Column holding the model's prediction (label or value). */
  prediction: columnName.optional(),
  /** Binary classifiers: the column with the probability of the positive class. Excludes `probaPrefix`. */
  proba: columnName.optional(),
  /** Prefix of one probability column per class (`proba_` → `proba_yes`, `proba_no`). Excludes `proba`. */
  probaPrefix: z.string().min(1).optional(),
  /** Column with each row's time (windows, trends); left out of drift tests. */
  timestamp: columnName.optional(),
  /** Column identifying rows (joins with late labels); left out of drift tests. */
  id: columnName.optional(),
  /** Columns left out of drift tests. Default none. */
  ignore: z.array(columnName).default([]),
  /** Kind per column, overriding the inferred one. */
  kinds: z.record(columnName, z.enum(columnKinds)).default({}),
  /**
   * Embeddings stored as numeric column groups: `{ emb: { prefix: emb_ } }` reads the columns `emb_0 … emb_n`
   * as one embedding column `emb` (vectors in column-index order). Parquet lists and JSONL arrays need no entry.
   */
  embeddings: z
    .record(columnName, z.strictObject({ /** Column-name prefix, followed by the index. */ prefix: z.string().min(1) }))
    .optional(),
});

/**
 * A memory budget: `400MB`, `2GB` (powers of 1024), `25%` of the machine's memory (a container's
 * limit when lower), or a number of bytes. Kept as written; read into bytes when a run starts.
 */
export const memorySizeSchema = z.union([z.string(), z.number()]).superRefine((value, ctx) => {
  const parsed = parseMemorySize(value);
  if ('problem' in parsed) ctx.addIssue({ code: 'custom', message: parsed.problem });
});

/** How drift is tested. */
export const driftConfigSchema = z.strictObject({
  /**
   * Method for every column (`ks`) or per column (`{ income: psi, "*": ks }`); default: chosen per column kind.
   * An embedding column takes `distance`, `ratio`, `mmd` or `model`, as text with parameters
   * (`"distance:metric=cosine,bootstrap=true"`) or as an object (`{ method: distance, metric: cosine,
   * bootstrap: true }`; keys `metric`, `threshold`, `bootstrap`, `quantile`, `pcaComponents`, `component`,
   * `componentThreshold`, checked per method by `loadConfig`).
   */
  methods: z
    .union([z.string().min(1), z.record(z.string(), z.union([z.string().min(1), z.looseObject({ method: z.string().min(1) })]))])
    .optional(),
  /** Threshold for every column (a number) or per column (`{ "*": 0.01, income: 0.2 }`); default: the method's. */
  thresholds: z.union([z.number().positive(), z.record(z.string(), z.number().positive())]).optional(),
  /** Share of drifted columns, in [0, 1], at which the dataset counts as drifted. Default 0.5. */
  datasetShare: z.number().min(0).max(1).default(0.5),
  /** Correction of p-value thresholds for testing many columns. Default `none`. */
  correction: z.enum(['none', 'bonferroni', 'fdr']).default('none'),
  /**
   * Rules that choose the method of a column without one in `methods`. `calibrated` (default): Evidently's
   * rules with two-sample tests where Evidently's small-sample tests raise more (or fewer) false alarms
   * than their threshold promises — about 5% of same-distribution columns flagged at threshold 0.05, see
   * packages/drift/CALIBRATION.md. `evidently`: Evidently's choices exactly (its `chisquare` flags about
   * 27% of same-distribution categorical columns when both samples have the same size), for the same
   * verdicts as Evidently. Recorded in each run's `drift.dataset.defaults`.
   */
  defaults: z.enum(driftDefaultSets).default('calibrated'),
  /**
   * A column with one value on both sides: `count` (default, as Evidently) tests it as not drifted (p = 1)
   * and counts it in the dataset share; `skip` leaves it out of the share.
   */
  constantColumns: z.enum(constantColumnPolicies).optional(),
  /**
   * Integer columns (none missing) with at most this many distinct reference values are tested as
   * categories when no method is named for them, Evidently's rule. Default 10; 0 turns it off.
   */
  integerCategories: z.number().int().min(0).optional(),
  /** Columns to test; default every shared column except ignored, id and timestamp columns. */
  columns: z.array(columnName).min(1).optional(),
  /** Seed of the permutation tests. Default 0. */
  seed: seedSchema,
  /**
   * Memory for this monitor's data (`400MB`, `2GB`, `25%`), as `check --max-memory`. When holding
   * the drift-tested columns of both sides would take more and both are local CSV, TSV or JSON
   * Lines files, numeric columns are summarised while reading (each column's result names its
   * path). A monitor with `performance:`, `windows:` or `retraining:` needs whole rows: over its
   * budget its run stops with a config error. Default: the top-level `maxMemory`, else 25% of
   * the machine's memory; `run --max-memory` overrides both.
   */
  maxMemory: memorySizeSchema.optional(),
  /**
   * Multivariate drift of the tested columns together, per window (needs `windows:`): `reconstruction`
   * (NannyML's PCA reconstruction error, thresholds mean ± 3σ of the reference's windows) or
   * `classifier` (a domain classifier's cross-validated ROC AUC, alert outside 0.45–0.65). In the run's
   * `multivariate` section and as `multivariate.value` / `multivariate.alert` points. Default none.
   */
  multivariate: z.enum(multivariateMethods).optional(),
  /**
   * Text columns' descriptors beyond the built-in ones (length, words, sentences, non-letter, OOV and
   * upper-case shares), per column: `regex` (name → pattern the whole text matches), `contains`
   * (name → substrings, any of them), `beginsWith` (name → prefix). Each is a 0/1 descriptor tested
   * for drift like a numeric column, reported as `<column>.regex:<name>` and so on.
   */
  text: z
    .record(
      columnName,
      z.strictObject({
        regex: z
          .record(
            z.string().min(1),
            z.string().superRefine((pattern, ctx) => {
              try {
                new RegExp(pattern, 'u');
              } catch (error) {
                ctx.addIssue({ code: 'custom', message: `not a regular expression: ${(error as Error).message}` });
              }
            }),
          )
          .optional(),
        contains: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).optional(),
        beginsWith: z.record(z.string().min(1), z.string().min(1)).optional(),
      }),
    )
    .optional(),
});

/** Model-quality settings; computed by `@driftwatch/metrics` (validated and passed through here). */
export const performanceConfigSchema = z.strictObject({
  /** `classification` (binary or multiclass) or `regression`. */
  task: z.enum(['classification', 'regression']),
  /** Metric names, e.g. `f1`, `roc_auc`, `rmse`. At least one. */
  metrics: z.array(z.string().min(1)).min(1),
  /** Alert bounds per metric (`{ f1: 0.8 }`: f1 below 0.8 is bad; for errors such as rmse, above). */
  thresholds: z.record(z.string(), z.number()).default({}),
  /** Alert when a metric gets worse than on the reference by more than this (absolute). Excludes `thresholds` for the same metric. */
  maxDrop: z.number().min(0).optional(),
  /** Also estimate quality without labels (CBPE, classifiers) on every window, labelled or not. Default false. */
  estimate: z.boolean().default(false),
});

/** How the current data is cut into windows; computed by the chunking package (validated and passed through here). */
export const windowsConfigSchema = z
  .strictObject({
    /** Rows per window. */
    size: z.number().int().positive().optional(),
    /** Number of equal windows. */
    count: z.number().int().positive().optional(),
    /** Calendar period of a window in UTC: `hour`, `day`, `week` (ISO, Monday first) or `month` (needs a timestamp column). */
    period: z.enum(chunkPeriods).optional(),
    /** Timestamp column for `period` windows; defaults to `schema.timestamp`. */
    timestamp: columnName.optional(),
    /** What to do with a last window that is not full: `keep` (default), `drop`, or `merge` into the previous one. */
    incomplete: z.enum(['keep', 'drop', 'merge']).default('keep'),
    /**
     * Default false: each window's figures are points of one time series per metric and dimension set,
     * stamped with the window's start, with a `window` dimension naming the windowing (`week`,
     * `1000-rows`, `10-windows`). True (opt-in): a `chunk` dimension holding the window's key instead,
     * at the run's time, which makes one metric per window in CloudWatch and Cloud Monitoring (each billed).
     */
    chunkDimension: z.boolean().default(false),
  })
  .refine((w) => [w.size, w.count, w.period].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of size, count or period',
  });

/** One monitored model. */
export const monitorConfigSchema = z.strictObject({
  /** Unique; the `monitor` dimension of every point and the key of its history. Letters, digits, `.`, `_`, `-`. */
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-", starting with a letter or digit'),
  /** The data the model was trained or validated on: a data source, or `{ from: champion, initial }` to follow the serving version. */
  reference: referenceConfigSchema,
  /** The data the model sees now. */
  current: sourceConfigSchema,
  schema: monitorSchemaConfigSchema.default({ ignore: [], kinds: {} }),
  drift: driftConfigSchema.default({ datasetShare: 0.5, correction: 'none', defaults: 'calibrated', seed: 0 }),
  performance: performanceConfigSchema.optional(),
  windows: windowsConfigSchema.optional(),
  /** Sinks of this monitor only, published to besides the top-level ones. */
  sinks: z.array(providerConfigSchema).default([]),
  alerts: z.array(alertRuleConfigSchema).default([]),
  /**
   * The closed loop: when to retrain (triggers and guards), how (trainer,
   * evaluator), the validation gate, where versions go (registry) and how
   * they are deployed. See `@driftwatch/retraining`.
   */
  retraining: retrainingConfigSchema.optional(),
  /**
   * When `driftwatch serve` runs this monitor: a cron expression (`"0 * * * *"`, UTC) or
   * `{ cron | every, jitter, missed, timezone }`. Without it the server runs it only when asked.
   * The CLI ignores it.
   */
  schedule: monitorScheduleSchema.optional(),
  /** Events posted to `driftwatch serve` for this monitor (what a `type: events` source reads). */
  events: z
    .strictObject({
      /**
       * Events whose timestamp is older than this are deleted after each run of the monitor (and by
       * the server); e.g. `30d`. Default: kept.
       */
      retention: durationAtLeast(1).optional(),
    })
    .optional(),
});

/** The outbox of each sink: points a sink failed to take, sent first by the next run or `driftwatch sinks flush`. */
export const outboxConfigSchema = z.strictObject({
  /** Points kept per sink at most; beyond it the oldest are dropped, with a warning. Default 100000. */
  maxPoints: z.int().min(1).default(100_000),
  /** Points older than this are dropped, with a warning (a sink may accept less: CloudWatch takes 14 days). Default 30d. */
  maxAge: durationAtLeast(1).default(30 * 86_400_000),
});

/** Deadlines of provider calls, and the sinks' outbox. */
export const providersConfigSchema = z.strictObject({
  /**
   * Deadline of a sink's publish (with its flush) in a run and of one alert delivery attempt; a call
   * that outlives it is abandoned and counted as failed (exit 4), its points kept in the outbox. Default 60s.
   */
  timeout: durationAtLeast(1).default(60_000),
  /**
   * Deadline of each lifecycle call (a provider's start, and its flush and shutdown when the command
   * ends). Default: `DRIFTWATCH_LIFECYCLE_DEADLINE_MS`, else 5s.
   */
  lifecycleTimeout: durationAtLeast(1).optional(),
  outbox: outboxConfigSchema.default({ maxPoints: 100_000, maxAge: 30 * 86_400_000 }),
});

/** The whole `driftwatch.yaml`. */
export const driftwatchConfigSchema = z.strictObject({
  /** Config format version; only `1` exists. */
  version: z.literal(1),
  /** Plugin package names or paths relative to the config file, loaded besides the built-in ones. */
  plugins: z.array(z.string().min(1)).default([]),
  /**
   * Where runs (and the server's series, alerts, tokens and events) are recorded. Default
   * `{ type: sqlite, path: .driftwatch/driftwatch.db }` beside the config; `{ type: files, path:
   * .driftwatch }` keeps the JSON-file store (runs only: no server capabilities).
   */
  store: providerConfigSchema.default({ type: 'sqlite', path: '.driftwatch/driftwatch.db' }),
  /** Metric sinks every monitor publishes to. */
  sinks: z.array(providerConfigSchema).default([]),
  alerts: z
    .strictObject({
      /** Where alerts go (log, webhook, …). */
      channels: z.array(channelConfigSchema).default([]),
    })
    .default({ channels: [] }),
  /** Alarm managers `driftwatch alarms sync` turns alert rules into provider alarms with. */
  alarms: z.array(providerConfigSchema).default([]),
  /** Deadlines of provider calls and the sinks' outbox. */
  providers: providersConfigSchema.default({ timeout: 60_000, outbox: { maxPoints: 100_000, maxAge: 30 * 86_400_000 } }),
  /** Monitors; at least one monitor or one `evaluations:` suite is required. */
  monitors: z.array(monitorConfigSchema).default([]),
  /** Golden-set suites of LLM applications on Amazon Bedrock, run by `driftwatch eval`, `driftwatch run` and on their `schedule:` by `driftwatch serve`; `promotion:` closes the loop (README "Amazon Bedrock"). */
  evaluations: z.array(evaluationConfigSchema).default([]),
  /** The memory budget of a monitor without `drift.maxMemory` (see there). Default 25% of the machine's memory. */
  maxMemory: memorySizeSchema.optional(),
  /** `driftwatch serve`: listen address, ingestion limits, CORS, `/metrics`, sessions, shutdown (docs/server-api.md). */
  server: serverConfigSchema.default(defaultServerConfig),
});

/** A provider's config: its `type` and options. */
export type ProviderConfig = Readonly<z.output<typeof providerConfigSchema>>;
/** A data source's config. */
export type SourceConfig = Readonly<z.output<typeof sourceConfigSchema>>;
/** An alert channel's config. */
export type ChannelConfig = Readonly<z.output<typeof channelConfigSchema>>;
/** A monitor's schema roles and kinds. */
export type MonitorSchemaConfig = Readonly<z.output<typeof monitorSchemaConfigSchema>>;
/** A monitor's drift settings. */
export type DriftConfig = Readonly<z.output<typeof driftConfigSchema>>;
/** A monitor's model-quality settings. */
export type PerformanceConfig = Readonly<z.output<typeof performanceConfigSchema>>;
/** A monitor's windowing settings. */
export type WindowsConfig = Readonly<z.output<typeof windowsConfigSchema>>;
/** An alert rule as configured. */
export type AlertRuleConfig = Readonly<z.output<typeof alertRuleConfigSchema>>;
/** A monitor's retraining settings. */
export type { RetrainingConfig } from '@driftwatch/retraining';
/** One monitor as configured. */
export type MonitorConfig = Readonly<z.output<typeof monitorConfigSchema>>;
/** The validated config, defaults filled in. */
export type DriftwatchConfig = Readonly<z.output<typeof driftwatchConfigSchema>>;
