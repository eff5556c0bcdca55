import { durationSchema, seedSchema } from '@driftwatch/core';
import { parseMetricSpec } from '@driftwatch/metrics';
import { z } from 'zod';

/** A metric as written in config (`f1`, `f1:macro`, `rmse`), checked against the metrics registry. */
const metricName = z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    try {
      parseMetricSpec(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

/** Metric → bound. Floors for metrics where higher is better; ceilings for errors such as rmse. */
const boundsSchema = z.record(z.string(), z.number().refine(Number.isFinite, 'expected a finite number')).superRefine((record, ctx) => {
  for (const key of Object.keys(record)) {
    try {
      parseMetricSpec(key);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: [key], message: (error as Error).message });
    }
  }
});

/** A provider picked by `type`; its own options pass through and are checked by the provider. */
const providerSchema = z.looseObject({
  /** The provider's `type`, e.g. `command`, `sagemaker`, `folder`. */
  type: z.string().min(1, 'a provider type is required'),
});

const side = z.enum(['reference', 'current']);

/** When to retrain: triggers (any one fires) and guards (all must allow it). */
export const retrainingWhenSchema = z.strictObject({
  /** Retrain when the run found dataset drift. Default false. */
  drift: z.boolean().default(false),
  /** Retrain when any of these columns drifted. Default none. */
  features: z.array(z.string().min(1)).default([]),
  /**
   * `true`: retrain on any performance or estimation alert of the run; a list: only on alerts of
   * these metrics (`f1`, `roc_auc`). Default false.
   */
  metrics: z.union([z.boolean(), z.array(metricName).min(1)]).default(false),
  /** Retrain when the newest attempt of the model started longer ago than this (or there is none). Optional; > 0. */
  schedule: durationSchema.refine((ms) => ms > 0, 'the schedule must be longer than 0').optional(),
  /** No new attempt within this time of the newest attempt's start, whatever its outcome. Default 0 (none). */
  cooldown: durationSchema.default(0),
  /** At least this many labelled current rows that no attempt has trained on yet: the count now less the count the newest attempt collected (all of them when the current data shrank: a rolling window). Checked when the run reports the count. Default 0. */
  minNewRows: z.number().int().min(0).default(0),
  /** At most `count` attempts started within any `period`. Optional. */
  maxPerPeriod: z
    .strictObject({
      /** Attempts allowed per period; at least 1. */
      count: z.number().int().min(1),
      /** Length of the sliding period; > 0. */
      period: durationSchema.refine((ms) => ms > 0, 'the period must be longer than 0'),
    })
    .optional(),
});

/** Which rows train the challenger and which validate it. */
export const retrainingDataSchema = z.strictObject({
  /** Monitor sides that feed the training set. Default both. The holdout always comes from `current`. */
  include: z
    .array(side)
    .min(1)
    .refine((a) => new Set(a).size === a.length, 'list each side once')
    .default(['reference', 'current']),
  /** The latest labelled current rows, held out to score champion and challenger. */
  holdout: z
    .strictObject({
      /** Share of the labelled current rows, in (0, 1). Default 0.2. */
      fraction: z.number().gt(0).lt(1).default(0.2),
      /** At least this many rows (taken even when the fraction gives fewer); at least 1. Default 1. */
      minRows: z.number().int().min(1).default(1),
    })
    .default({ fraction: 0.2, minRows: 1 }),
  /** Columns never given to the trainer (the runtime adds the prediction, probability and id columns). Default none. */
  exclude: z.array(z.string().min(1)).default([]),
  /**
   * A validation set for the trainer (its `validation` channel, `DRIFTWATCH_VALIDATION_DATA`): the last
   * `fraction` of the training rows, in (0, 1), split off the training set. Never holdout rows: the holdout
   * only ever reaches the evaluator. Optional; without it the trainer gets no validation set.
   */
  validation: z.strictObject({ fraction: z.number().gt(0).lt(1) }).optional(),
});

/** The validation gate: what the challenger must achieve on the holdout to be deployed. */
export const retrainingGateSchema = z
  .strictObject({
    /** The metric champion and challenger are compared on; any `@driftwatch/metrics` metric valid for the task. Required. */
    metric: metricName,
    /**
     * The challenger must beat the champion by at least this (absolute, in the metric's units, signed so that
     * positive is better). Excludes `maxLoss`; with neither, 0.
     */
    minGain: z.number().min(0).optional(),
    /** Or: the challenger may be worse than the champion by at most this (absolute). Excludes `minGain`. */
    maxLoss: z.number().min(0).optional(),
    /** Absolute bounds the challenger must reach: floors, and ceilings for error metrics such as rmse. Default none. */
    floors: boundsSchema.default({}),
    /** Extra metrics to record (the gate metric and floor metrics are always computed). Default none. */
    metrics: z.array(metricName).default([]),
    /**
     * Also require a significant paired bootstrap gain on the holdout: `resamples` (default 1000) resamples,
     * a percentile interval at `level` (default 0.95), significant when the one-sided p-value is below
     * `alpha` (default 0.05); seeded by `seed` (default 0).
     */
    bootstrap: z
      .strictObject({
        resamples: z.number().int().min(1).max(1_000_000).default(1000),
        level: z.number().gt(0).lt(1).default(0.95),
        alpha: z.number().gt(0).lt(1).default(0.05),
        seed: seedSchema,
      })
      .optional(),
  })
  .superRefine((gate, ctx) => {
    if (gate.minGain !== undefined && gate.maxLoss !== undefined)
      ctx.addIssue({ code: 'custom', path: ['maxLoss'], message: 'give minGain or maxLoss, not both' });
  });

/** Checks of the deployed version, scored again through the evaluator on the holdout. */
export const retrainingPostDeploySchema = z.strictObject({
  /** Absolute bounds the deployed version must reach (ceilings for error metrics). Default none. */
  floors: boundsSchema.default({}),
  /** The deployed version may fall below its own gate score by at most this (gate metric, absolute). Optional. */
  maxLoss: z.number().min(0).optional(),
});

/** Deadlines and polling of the training step. */
export const retrainingTimeoutsSchema = z
  .strictObject({
    /** Deadline of a training job; then it is cancelled and the attempt fails. Default 1h. */
    training: durationSchema.refine((ms) => ms > 0, 'the training timeout must be longer than 0').default(3_600_000),
    /** First poll interval of the job's status, doubled after each poll up to `pollMax`. Default 2s. */
    poll: durationSchema.refine((ms) => ms > 0, 'the poll interval must be longer than 0').default(2_000),
    /** Longest poll interval. Default 60s. */
    pollMax: durationSchema.refine((ms) => ms > 0, 'the poll interval must be longer than 0').default(60_000),
  })
  .superRefine((t, ctx) => {
    if (t.poll > t.pollMax) ctx.addIssue({ code: 'custom', path: ['poll'], message: 'poll must not be longer than pollMax' });
  });

/** A monitor's `retraining:` block (durations are parsed to milliseconds). */
export const retrainingConfigSchema = z.strictObject({
  /** The model's name in the registry and in attempt keys. Default: the monitor's name (the runtime fills it). */
  model: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-", starting with a letter or digit')
    .optional(),
  when: retrainingWhenSchema.default({ drift: false, features: [], metrics: false, cooldown: 0, minNewRows: 0 }),
  data: retrainingDataSchema.default({ include: ['reference', 'current'], holdout: { fraction: 0.2, minRows: 1 }, exclude: [] }),
  /** Where the challenger is trained (`command`, `sagemaker`, …). Required. */
  trainer: providerSchema,
  /** How a version is scored on the holdout (returns predictions). Required. */
  evaluator: providerSchema,
  /** Where versions are registered. Default `{ type: folder, path: .driftwatch/models }`. */
  registry: providerSchema.default({ type: 'folder', path: '.driftwatch/models' }),
  /** How a version is put in service. Default `{ type: champion-pointer }`. */
  deployer: providerSchema.default({ type: 'champion-pointer' }),
  gate: retrainingGateSchema,
  postDeploy: retrainingPostDeploySchema.optional(),
  timeouts: retrainingTimeoutsSchema.default({ training: 3_600_000, poll: 2_000, pollMax: 60_000 }),
});

/** A validated `retraining:` block. */
export type RetrainingConfig = z.output<typeof retrainingConfigSchema>;
