import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from '../../http/ZodTypeProvider.js';
import { formatSeriesGauges } from '../../metrics/formatSeriesGauges.js';

/** `/metrics` in the Prometheus text format: the latest point of every stored series as gauges, and the server's own metrics. */
export async function metricsRoutes(
  fastify: FastifyInstance,
  options: {
    readonly public: boolean;
    readonly maxSeries: number;
    /** Sinks (config path) and their outbox keys: `driftwatch_outbox_points` reports each one's pending points. */
    readonly outboxes?: readonly { readonly sink: string; readonly key: string }[];
    readonly outboxBounds?: { readonly maxPoints: number; readonly maxAgeMs: number };
  },
): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const dropped = new Map<string, number>();
  app.get(
    '/metrics',
    {
      ...(options.public ? {} : { config: { scope: 'read' as const } }),
      schema: { summary: 'Prometheus metrics', tags: ['metrics'], produces: 'text/plain; version=0.0.4', response: { 200: z.string() } },
    },
    async (_request, reply) => {
      const { metrics, store } = app.dw;
      const series = formatSeriesGauges(await store.series().latest(), options.maxSeries);
      for (const [metric, count] of series.dropped) dropped.set(metric, count);
      let droppedText =
        '# HELP driftwatch_metrics_dropped_series Stored series left out of /metrics at the last scrape (server.metrics.maxSeries per metric)\n# TYPE driftwatch_metrics_dropped_series gauge\n';
      for (const metric of [...dropped.keys()].sort())
        droppedText += `driftwatch_metrics_dropped_series{metric="${metric}"} ${series.dropped.get(metric) ?? 0}\n`;
      const outbox = store.outbox;
      if (outbox && options.outboxBounds)
        for (const { sink, key } of options.outboxes ?? []) {
          const pending = await outbox.call(store, key).pending({ now: app.dw.now(), ...options.outboxBounds });
          metrics.outboxPoints.set({ sink }, pending.points.length);
        }
      const own = await metrics.registry.metrics();
      reply.type(metrics.registry.contentType);
      return `${own}\n${droppedText}${series.text}`;
    },
  );
}
