import { decodeRunCursor, monitorOverview, pageRuns } from '@driftwatch/runtime';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { monitorDetailSchema, monitorOverviewSchema, monitorParams, runSummarySchema, statusSchema } from '../../http/apiSchemas.js';
import { ProblemError } from '../../http/ProblemError.js';
import type { ZodTypeProvider } from '../../http/ZodTypeProvider.js';

/** Monitors: their health, their runs (paged), and a manual run. */
export async function monitorRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const overview = async (name: string) => {
    const { monitor } = app.dw.schemas.monitor(name);
    const status = app.dw.runs.status().find((s) => s.name === name);
    const o = await monitorOverview(app.dw.store, name, status?.running === true);
    const schedule = (monitor as { schedule?: unknown }).schedule;
    return {
      ...o,
      sparkline: [...o.sparkline],
      ...(schedule !== undefined ? { schedule } : {}),
      ...(status?.nextRunAt !== undefined ? { nextRunAt: status.nextRunAt } : {}),
    };
  };

  app.get(
    '/api/v1/monitors',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Every monitor with its status, last run and drift sparkline',
        tags: ['monitors'],
        response: { 200: z.object({ monitors: z.array(monitorOverviewSchema) }) },
      },
    },
    async () => ({ monitors: await Promise.all(app.dw.config.monitors.map((m) => overview(m.name))) }),
  );

  app.get(
    '/api/v1/monitors/:monitor',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'One monitor: status, columns, config summary',
        tags: ['monitors'],
        params: monitorParams,
        response: { 200: z.object({ monitor: monitorDetailSchema }) },
      },
    },
    async (request) => {
      const { monitor } = app.dw.schemas.monitor(request.params.monitor);
      const [o, columns] = await Promise.all([overview(monitor.name), app.dw.schemas.columns(monitor.name).then((c) => c.all)]);
      return {
        monitor: {
          ...o,
          columns,
          config: {
            reference: monitor.reference,
            current: monitor.current,
            drift: {
              datasetShare: monitor.drift.datasetShare,
              ...(monitor.drift.methods !== undefined ? { methods: monitor.drift.methods } : {}),
              ...(monitor.drift.thresholds !== undefined ? { thresholds: monitor.drift.thresholds } : {}),
            },
            ...(monitor.performance ? { performance: { metrics: [...(monitor.performance.metrics ?? [])] } } : {}),
            retraining: monitor.retraining !== undefined,
            sinks: app.dw.config.sinks.length + monitor.sinks.length,
            alerts: monitor.alerts.map((a) => a.name),
          },
        },
      };
    },
  );

  app.get(
    '/api/v1/monitors/:monitor/runs',
    {
      config: { scope: 'read' },
      schema: {
        summary: "A monitor's runs, newest first, paged",
        tags: ['monitors'],
        params: monitorParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          before: z.string().optional().describe('the nextCursor of the previous page'),
        }),
        response: { 200: z.object({ runs: z.array(runSummarySchema), nextCursor: z.string().optional() }) },
      },
    },
    async (request) => {
      const { monitor } = app.dw.schemas.monitor(request.params.monitor);
      const { limit, before } = request.query;
      const cursor = before === undefined ? undefined : decodeRunCursor(before);
      if (before !== undefined && cursor === undefined)
        throw new ProblemError(
          400,
          'validation',
          'invalid querystring: before: not a cursor of this API (pass nextCursor as it was given)',
        );
      const page = await pageRuns(app.dw.store, monitor.name, { limit, ...(cursor ? { before: cursor } : {}) });
      return { runs: [...page.runs], ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  );

  app.post(
    '/api/v1/monitors/:monitor/runs',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Run the monitor now (as driftwatch run does); 409 while one runs',
        tags: ['control'],
        params: monitorParams,
        response: { 202: statusSchema },
      },
    },
    async (request, reply) => {
      const { monitor } = app.dw.schemas.monitor(request.params.monitor);
      if (app.dw.state.stopping) throw new ProblemError(503, 'not-ready', 'the server is shutting down: no new runs');
      if (app.dw.runs.trigger(monitor.name) === 'already-running')
        throw new ProblemError(409, 'conflict', `monitor "${monitor.name}" is already running`);
      return reply.code(202).send({ status: 'started' });
    },
  );
}
