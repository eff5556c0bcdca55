import { z } from 'zod';
import type { MetricPoint } from '../../domain/MetricPoint.js';
import { ProviderError } from '../../errors/DriftwatchError.js';
import { definePlugin, defineProvider } from '../../plugin/definePlugin.js';
import { InMemoryMetricsSink } from '../InMemoryMetricsSink.js';
import { InMemoryRunStore } from '../InMemoryRunStore.js';
import { describeMetricsSink } from './describeMetricsSink.js';
import { describeRunStore } from './describeRunStore.js';

// The kit run against the in-memory fakes (the file-backed providers run it in plugin-local).
const backends = new Map<string, InMemoryMetricsSink>();

const plugin = definePlugin({
  name: 'contract-kit-test',
  providers: [
    defineProvider({
      port: 'MetricsSink',
      type: 'memory',
      description: 'keeps points in memory',
      options: z.object({ name: z.string(), refuse: z.boolean().default(false) }).strict(),
      create: ({ name, refuse }) => {
        const sink = new InMemoryMetricsSink();
        backends.set(name, sink);
        if (!refuse) return Object.assign(sink, { shutdown: () => sink.flush() });
        return Object.assign(sink, {
          flush: async () => {
            throw new ProviderError('memory', 'flush', 'refused');
          },
        });
      },
    }),
    defineProvider({
      port: 'RunStore',
      type: 'memory',
      description: 'keeps runs in memory',
      options: z.object({}).strict(),
      create: () => new InMemoryRunStore(),
    }),
  ],
});

let n = 0;
describeMetricsSink({
  plugin,
  type: 'memory',
  options: () => ({ name: `sink-${++n}` }),
  received: async ({ options }) => backends.get((options as { name: string }).name)?.points ?? ([] as MetricPoint[]),
  failingOptions: () => ({ name: `failing-${++n}`, refuse: true }),
});

describeRunStore({ plugin, type: 'memory', options: () => ({}) });
