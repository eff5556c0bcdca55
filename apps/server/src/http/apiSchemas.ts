import { retrainingStates } from '@driftwatch/core';
import { z } from 'zod';

/** `{status: ok}` and similar acknowledgements. */
export const statusSchema = z.object({ status: z.string() });

export const runStatusSchema = z.enum(['ok', 'drift', 'failed', 'started', 'interrupted']);

export const runSummarySchema = z.object({
  id: z.string(),
  monitor: z.string(),
  status: runStatusSchema,
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  driftShare: z.number().optional().describe('share of drift-tested columns that drifted, 0..1'),
  driftedColumns: z.int().optional(),
  columns: z.int().optional().describe('columns drift-tested'),
});

export const monitorOverviewSchema = z.object({
  name: z.string(),
  status: z.enum(['ok', 'drift', 'failed', 'running', 'never-run']),
  schedule: z.unknown().optional().describe('the monitor schedule as configured'),
  nextRunAt: z.string().optional(),
  lastRun: runSummarySchema.optional(),
  driftShare: z.number().optional(),
  sparkline: z
    .array(z.object({ timestamp: z.string(), value: z.number() }))
    .describe('dataset drift share of the last 30 runs, oldest first'),
});

export const monitorDetailSchema = monitorOverviewSchema.extend({
  columns: z.array(z.object({ name: z.string(), kind: z.string(), role: z.string().optional() })),
  config: z.object({
    reference: z.unknown(),
    current: z.unknown(),
    drift: z.object({ datasetShare: z.number(), methods: z.unknown().optional(), thresholds: z.unknown().optional() }),
    performance: z.object({ metrics: z.array(z.string()) }).optional(),
    retraining: z.boolean(),
    sinks: z.int(),
    alerts: z.array(z.string()),
  }),
});

export const runRecordSchema = z.object({
  id: z.string(),
  monitor: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  status: runStatusSchema,
  result: z.unknown().describe('the run result, as driftwatch run --format json prints it (null while started)'),
  failedSinks: z.array(z.object({ type: z.string(), reason: z.string() })).optional(),
});

export const storedSeriesSchema = z.object({
  name: z.string(),
  dimensions: z.record(z.string(), z.string()),
  points: z.array(z.object({ timestamp: z.string(), value: z.number(), min: z.number(), max: z.number(), count: z.int() })),
});

export const storedAlertSchema = z.looseObject({
  id: z.string(),
  runId: z.string().optional(),
  rule: z.string(),
  monitor: z.string(),
  severity: z.string(),
  message: z.string(),
});

export const attemptSchema = z.looseObject({
  id: z.string(),
  model: z.string(),
  monitor: z.string(),
  state: z.enum(retrainingStates),
  createdAt: z.string(),
  transitions: z
    .array(z.object({ from: z.enum(retrainingStates).nullable(), to: z.enum(retrainingStates), at: z.string(), reason: z.string() }))
    .describe('every state change, oldest first'),
});

export const modelVersionSchema = z.looseObject({ version: z.string(), status: z.string() });

export const modelSummarySchema = z.object({
  name: z.string(),
  monitors: z.array(z.string()),
  registry: z.string(),
  champion: modelVersionSchema.optional(),
  versions: z.int(),
});

export const modelDetailSchema = z.object({
  name: z.string(),
  monitors: z.array(z.string()),
  registry: z.string(),
  champion: modelVersionSchema.optional(),
  versions: z.array(modelVersionSchema),
});

export const ingestResultSchema = z.object({ stored: z.int(), duplicate: z.boolean() });

export const monitorParams = z.object({ monitor: z.string().min(1) });
export const modelParams = z.object({ model: z.string().min(1) });

/** An ISO-8601 time in a query string. */
export const isoTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO-8601 time');
