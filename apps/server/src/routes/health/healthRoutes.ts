import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { statusSchema } from '../../http/apiSchemas.js';
import { ProblemError } from '../../http/ProblemError.js';
import type { ZodTypeProvider } from '../../http/ZodTypeProvider.js';

const storeDeadlineMs = 2000;

/** `/healthz` (the process serves) and `/readyz` (the store answers, every plugin started, not stopping). */
export async function healthRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/healthz', { schema: { summary: 'The process is up', tags: ['health'], response: { 200: statusSchema } } }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/readyz',
    { schema: { summary: 'The store is reachable and every plugin started', tags: ['health'], response: { 200: statusSchema } } },
    async () => {
      const { state, store } = app.dw;
      if (state.stopping) throw new ProblemError(503, 'not-ready', 'the server is shutting down');
      if (!state.ready) throw new ProblemError(503, 'not-ready', 'the server is starting');
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          store.listRuns({ limit: 1 }),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer in ${storeDeadlineMs} ms`)), storeDeadlineMs);
          }),
        ]);
      } catch (error) {
        throw new ProblemError(503, 'not-ready', `the store is not reachable: ${(error as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
      return { status: 'ready' };
    },
  );
  app.get(
    '/openapi.json',
    { schema: { summary: 'This API as an OpenAPI 3.1 document', tags: ['health'], response: { 200: z.record(z.string(), z.unknown()) } } },
    async () => app.openApiDocument(),
  );
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The OpenAPI 3.1 document of every route registered. */
    openApiDocument(): Record<string, unknown>;
  }
}
