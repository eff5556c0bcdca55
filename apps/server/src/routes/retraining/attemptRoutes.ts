import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { attemptSchema } from '../../http/apiSchemas.js';
import type { ZodTypeProvider } from '../../http/ZodTypeProvider.js';

/** Retraining attempts with every transition. */
export async function attemptRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/retraining/attempts',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Retraining attempts, newest first; every state change is in transitions',
        tags: ['retraining'],
        querystring: z.object({
          model: z.string().min(1).optional(),
          monitor: z.string().min(1).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: { 200: z.object({ attempts: z.array(attemptSchema) }) },
      },
    },
    async (request) => {
      const { model, monitor, limit } = request.query;
      const attempts = await app.dw.store.listAttempts({
        ...(model !== undefined ? { model } : {}),
        ...(monitor !== undefined ? { monitor } : {}),
        limit,
      });
      return { attempts };
    },
  );
}
