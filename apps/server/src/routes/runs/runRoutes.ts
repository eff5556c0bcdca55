import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { runRecordSchema } from '../../http/apiSchemas.js';
import { ProblemError } from '../../http/ProblemError.js';
import type { ZodTypeProvider } from '../../http/ZodTypeProvider.js';

/** One recorded run with its full result. */
export async function runRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/runs/:id',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'One run and its full result',
        tags: ['runs'],
        params: z.object({ id: z.string().min(1) }),
        response: { 200: z.object({ run: runRecordSchema }) },
      },
    },
    async (request) => {
      const run = await app.dw.store.getRun(request.params.id);
      if (!run) throw new ProblemError(404, 'not-found', `no run "${request.params.id}"`);
      return { run };
    },
  );
}
