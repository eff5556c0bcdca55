import type { IngestResult } from '@driftwatch/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { tokenHash } from '../../auth/tokenHash.js';
import { ingestResultSchema, monitorParams } from '../../http/apiSchemas.js';
import { ProblemError } from '../../http/ProblemError.js';
import type { ZodTypeProvider } from '../../http/ZodTypeProvider.js';
import { documentOnly } from '../../http/zodCompilers.js';
import { type BatchIssue, describeIssue } from '../../ingest/BatchError.js';
import { type ParsedBatch, parseBatch } from '../../ingest/parseBatch.js';
import { validateEvents, validateLabels } from '../../ingest/validateBatch.js';

/** Limits of the ingestion routes (the `server.ingest` and `server.rateLimit` config). */
export interface IngestOptions {
  readonly maxBytes: number;
  readonly maxEvents: number;
  readonly ingestPerMinute: number;
}

const ndjsonType = 'application/x-ndjson';

const eventSchema = z.object({
  id: z
    .union([z.string().min(1), z.number()])
    .optional()
    .describe('the id late labels join by'),
  timestamp: z.union([z.string(), z.number()]).optional().describe('ISO-8601 or epoch ms; default: when received'),
  features: z.record(z.string(), z.unknown()).describe('values by reference column; kinds as the monitor schema says'),
  prediction: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
  probabilities: z.union([z.record(z.string(), z.number()), z.array(z.number())]).optional(),
});
const labelSchema = z.object({
  id: z.union([z.string().min(1), z.number()]),
  label: z.union([z.string(), z.number(), z.boolean(), z.null()]),
});

const idempotencyHeaders = z.looseObject({
  'idempotency-key': z.string().min(1).max(200).optional().describe('a retried batch with the same key is stored once'),
});

/** A token's rate-limit bucket: its hash (never the token), else the client address. */
function rateKey(request: FastifyRequest): string {
  const header = request.headers.authorization;
  return typeof header === 'string' ? `t:${tokenHash(header)}` : `ip:${request.ip}`;
}

/** Event and label ingestion: JSON arrays or NDJSON, validated whole before one all-or-nothing write through the bounded write queue. */
export async function ingestRoutes(fastify: FastifyInstance, options: IngestOptions): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser(ndjsonType, { parseAs: 'string', bodyLimit: options.maxBytes }, (_request, body, done) => done(null, body));

  const routeOptions = (summary: string, item: z.ZodType) => ({
    bodyLimit: options.maxBytes,
    config: { scope: 'ingest' as const, rateLimit: { max: options.ingestPerMinute, timeWindow: 60_000, keyGenerator: rateKey } },
    schema: {
      summary,
      tags: ['ingestion'],
      params: monitorParams,
      headers: idempotencyHeaders,
      body: documentOnly(z.array(item)),
      consumes: ['application/json', ndjsonType],
      response: { 202: ingestResultSchema },
    },
  });

  const batchOf = (request: FastifyRequest, kind: 'events' | 'labels', monitor: string): ParsedBatch => {
    const ndjson = (request.headers['content-type'] ?? '').toLowerCase().startsWith(ndjsonType);
    const parsed = parseBatch(request.body, ndjson);
    if ('issue' in parsed) throw invalid(parsed.issue, kind, monitor);
    if (parsed.records.length > options.maxEvents) {
      app.dw.metrics.ingestBatches.inc({ monitor, kind, outcome: 'too_large' });
      throw new ProblemError(
        413,
        'payload-too-large',
        `${parsed.records.length} records in one batch: at most ${options.maxEvents} (server.ingest.maxEvents)`,
      );
    }
    return parsed;
  };
  const invalid = (issue: BatchIssue, kind: 'events' | 'labels', monitor: string) => {
    app.dw.metrics.ingestBatches.inc({ monitor, kind, outcome: 'invalid' });
    return new ProblemError(400, 'invalid-batch', `nothing stored: ${describeIssue(issue)}`, { errors: [issue] });
  };
  const write = async (kind: 'events' | 'labels', monitor: string, store: () => Promise<IngestResult>): Promise<IngestResult> => {
    const { metrics, queue } = app.dw;
    let result: IngestResult;
    try {
      metrics.ingestQueue.set(queue.pending + 1);
      result = await queue.run(store);
    } catch (error) {
      if (error instanceof ProblemError && error.status === 429) metrics.ingestBatches.inc({ monitor, kind, outcome: 'throttled' });
      throw error;
    } finally {
      metrics.ingestQueue.set(queue.pending);
    }
    metrics.ingestBatches.inc({ monitor, kind, outcome: result.duplicate ? 'duplicate' : 'stored' });
    metrics.ingestedRecords.inc({ monitor, kind }, result.stored);
    return result;
  };

  app.post(
    '/api/v1/monitors/:monitor/events',
    routeOptions('Ingest prediction events (JSON array or NDJSON)', eventSchema),
    async (request, reply) => {
      const { monitor } = app.dw.schemas.monitor(request.params.monitor);
      const batch = batchOf(request, 'events', monitor.name);
      const { columns } = await app.dw.schemas.columns(monitor.name);
      const checked = validateEvents(batch, columns, new Date(app.dw.now()).toISOString());
      if ('issue' in checked) throw invalid(checked.issue, 'events', monitor.name);
      const key = request.headers['idempotency-key'] as string | undefined;
      const result = await write('events', monitor.name, () => app.dw.store.events().appendEvents(monitor.name, checked.events, key));
      return reply.code(202).send(result);
    },
  );

  app.post(
    '/api/v1/monitors/:monitor/labels',
    routeOptions('Ingest late labels {id, label} (JSON array or NDJSON)', labelSchema),
    async (request, reply) => {
      const { monitor } = app.dw.schemas.monitor(request.params.monitor);
      const batch = batchOf(request, 'labels', monitor.name);
      const checked = validateLabels(batch);
      if ('issue' in checked) throw invalid(checked.issue, 'labels', monitor.name);
      const key = request.headers['idempotency-key'] as string | undefined;
      const result = await write('labels', monitor.name, () => app.dw.store.events().appendLabels(monitor.name, checked.labels, key));
      return reply.code(202).send(result);
    },
  );
}
