import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { modelDetailSchema, modelParams, modelSummarySchema, statusSchema } from '../../http/apiSchemas.js';
import { ProblemError } from '../../http/ProblemError.js';
import type { ZodTypeProvider } from '../../http/ZodTypeProvider.js';

/** The models of the config's retraining blocks (registry versions, champion) and their control: retrain, promote, rollback. */
export async function modelRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  /** Model name → the monitors whose retraining block names it, in config order. */
  const models = () => {
    const byModel = new Map<string, string[]>();
    for (const m of app.dw.config.monitors) {
      if (!m.retraining) continue;
      const name = m.retraining.model ?? m.name;
      byModel.set(name, [...(byModel.get(name) ?? []), m.name]);
    }
    return byModel;
  };
  const monitorsOf = (model: string): string[] => {
    const monitors = models().get(model);
    if (!monitors) {
      const known = [...models().keys()];
      throw new ProblemError(
        404,
        'not-found',
        `no model "${model}" (models: ${known.join(', ') || 'none: no monitor has a retraining: block'})`,
      );
    }
    return monitors;
  };
  const detail = async (model: string) => {
    const monitors = monitorsOf(model);
    const listing = await app.dw.retraining.models(monitors[0] as string);
    const champion = listing.versions.find((v) => v.status === 'champion');
    return { name: model, monitors, registry: listing.registry, ...(champion ? { champion } : {}), versions: [...listing.versions] };
  };

  app.get(
    '/api/v1/models',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'The models of the retraining blocks, with their champion',
        tags: ['models'],
        response: { 200: z.object({ models: z.array(modelSummarySchema) }) },
      },
    },
    async () => ({
      models: await Promise.all(
        [...models().keys()].map(async (name) => {
          const d = await detail(name);
          return {
            name,
            monitors: d.monitors,
            registry: d.registry,
            ...(d.champion ? { champion: d.champion } : {}),
            versions: d.versions.length,
          };
        }),
      ),
    }),
  );

  app.get(
    '/api/v1/models/:model',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'A model: its versions (oldest first) and champion',
        tags: ['models'],
        params: modelParams,
        response: { 200: z.object({ model: modelDetailSchema }) },
      },
    },
    async (request) => ({ model: await detail(request.params.model) }),
  );

  app.post(
    '/api/v1/models/:model/retrain',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Start a retraining attempt (as driftwatch retrain does); 409 while one runs',
        tags: ['control'],
        params: modelParams,
        body: z
          .object({
            monitor: z.string().min(1).optional().describe('needed when several monitors retrain the model'),
            reason: z.string().min(1).max(500).optional(),
          })
          .default({}),
        response: { 202: statusSchema },
      },
    },
    async (request, reply) => {
      const { model } = request.params;
      const monitors = monitorsOf(model);
      const monitor = request.body.monitor ?? (monitors.length === 1 ? monitors[0] : undefined);
      if (monitor === undefined || !monitors.includes(monitor))
        throw new ProblemError(400, 'validation', `give "monitor": one of ${monitors.join(', ')} (the monitors retraining "${model}")`);
      if (app.dw.state.stopping) throw new ProblemError(503, 'not-ready', 'the server is shutting down');
      if (app.dw.retrainingModels.has(model)) throw new ProblemError(409, 'conflict', `model "${model}" is being retrained`);
      app.dw.retrainingModels.add(model);
      const reason = request.body.reason ?? `requested through the API by ${request.principal?.name ?? 'a token'}`;
      app.dw.retraining
        .retrain(monitor, { reason })
        .then((outcome) => app.log.info({ model, monitor, state: outcome.attempt?.state }, 'retraining ended'))
        .catch((error: Error) => app.log.error({ model, monitor }, `retraining failed: ${error.message}`))
        .finally(() => app.dw.retrainingModels.delete(model));
      return reply.code(202).send({ status: 'started' });
    },
  );

  app.post(
    '/api/v1/models/:model/promote',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Deploy a version and make it champion (as driftwatch models promote)',
        tags: ['control'],
        params: modelParams,
        body: z.object({ version: z.string().min(1), reason: z.string().min(1).max(500).optional() }),
        response: { 200: z.object({ model: modelDetailSchema }) },
      },
    },
    async (request) => {
      const { model } = request.params;
      const monitor = monitorsOf(model)[0] as string;
      await app.dw.retraining.version(monitor, request.body.version).catch((error: Error) => {
        throw new ProblemError(404, 'not-found', error.message);
      });
      await app.dw.retraining.promote(
        monitor,
        request.body.version,
        request.body.reason ?? `promoted through the API by ${request.principal?.name ?? 'a token'}`,
      );
      return { model: await detail(model) };
    },
  );

  app.post(
    '/api/v1/models/:model/rollback',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Serve the previous champion again, or the given version (as driftwatch models rollback)',
        tags: ['control'],
        params: modelParams,
        body: z.object({ version: z.string().min(1).optional(), reason: z.string().min(1).max(500).optional() }).default({}),
        response: { 200: z.object({ model: modelDetailSchema }) },
      },
    },
    async (request) => {
      const { model } = request.params;
      const monitor = monitorsOf(model)[0] as string;
      await app.dw.retraining.rollback(
        monitor,
        request.body.version,
        request.body.reason ?? `rolled back through the API by ${request.principal?.name ?? 'a token'}`,
      );
      return { model: await detail(model) };
    },
  );
}
