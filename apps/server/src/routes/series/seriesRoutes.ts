import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isoTime, storedSeriesSchema } from '../../http/apiSchemas.js';
import type { ZodTypeProvider } from '../../http/ZodTypeProvider.js';

const dimensionKey = /^dim\.(.+)$/;

/** Metric series: one metric, dimension filters (`dim.<key>=<value>`), a time range, downsampled by the store. */
export async function seriesRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/series',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Stored points of one metric, by series',
        description: 'Every query parameter dim.<key>=<value> keeps the series whose dimension <key> is <value>.',
        tags: ['series'],
        querystring: z
          .looseObject({
            name: z.string().min(1).describe('metric name, e.g. drift.statistic'),
            monitor: z.string().min(1).optional().describe('shorthand for dim.monitor'),
            from: isoTime.optional().describe('inclusive'),
            to: isoTime.optional().describe('exclusive'),
            maxPoints: z.coerce.number().int().min(1).max(10_000).default(500).describe('points per series at most (equal time buckets)'),
          })
          .superRefine((q, ctx) => {
            for (const [key, value] of Object.entries(q)) {
              if (['name', 'monitor', 'from', 'to', 'maxPoints'].includes(key)) continue;
              if (!dimensionKey.test(key))
                ctx.addIssue({ code: 'custom', path: [key], message: 'unknown parameter (dimension filters are dim.<key>)' });
              else if (typeof value !== 'string') ctx.addIssue({ code: 'custom', path: [key], message: 'give one value' });
            }
          }),
        response: { 200: z.object({ series: z.array(storedSeriesSchema) }) },
      },
    },
    async (request) => {
      const { name, monitor, from, to, maxPoints, ...rest } = request.query;
      const dimensions: Record<string, string> = {};
      for (const [key, value] of Object.entries(rest))
        dimensions[(dimensionKey.exec(key) as RegExpExecArray)[1] as string] = value as string;
      if (monitor !== undefined) dimensions.monitor = monitor;
      const series = await app.dw.store.series().query({
        name,
        ...(Object.keys(dimensions).length > 0 ? { dimensions } : {}),
        ...(from !== undefined ? { from: new Date(from).toISOString() } : {}),
        ...(to !== undefined ? { to: new Date(to).toISOString() } : {}),
        maxPoints,
      });
      return { series };
    },
  );
}
