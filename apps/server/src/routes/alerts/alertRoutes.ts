import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isoTime, storedAlertSchema } from '../../http/apiSchemas.js';
import type { ZodTypeProvider } from '../../http/ZodTypeProvider.js';

/** Alerts fired by runs, newest first. */
export async function alertRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/alerts',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Fired alerts, newest first',
        tags: ['alerts'],
        querystring: z.object({
          monitor: z.string().min(1).optional(),
          since: isoTime.optional().describe('only alerts at or after this time'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: z.object({ alerts: z.array(storedAlertSchema) }) },
      },
    },
    async (request) => {
      const { monitor, since, limit } = request.query;
      if (monitor !== undefined) app.dw.schemas.monitor(monitor);
      const alerts = await app.dw.store.alerts().list({
        ...(monitor !== undefined ? { monitor } : {}),
        ...(since !== undefined ? { since: new Date(since).toISOString() } : {}),
        limit,
      });
      return { alerts };
    },
  );
}
