import { ConfigError, definePlugin, defineProvider } from '@driftwatch/core';
import { InMemoryMetricsSink, testProviderContext } from '@driftwatch/core/testing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProviderRegistry } from './ProviderRegistry.js';

const context = testProviderContext({ baseDir: '/tmp' });
const memory = definePlugin({
  name: 'memory-plugin',
  providers: [
    defineProvider({
      port: 'MetricsSink',
      type: 'memory',
      description: 'in memory',
      options: z.object({ namespace: z.string(), batch: z.number().int().positive().default(20) }).strict(),
      create: (o) => new InMemoryMetricsSink(`memory:${o.namespace}:${o.batch}`),
    }),
  ],
});

describe('ProviderRegistry', () => {
  it('creates a provider with validated, defaulted options', async () => {
    const r = new ProviderRegistry();
    r.register(memory);
    const sink = await r.create('MetricsSink', 'memory', { namespace: 'dw' }, context, 'sinks[0]');
    expect(sink.type).toBe('memory:dw:20');
    expect(r.types('MetricsSink')).toEqual(['memory']);
    expect(r.list().map((p) => p.plugin)).toEqual(['memory-plugin']);
  });

  it('rejects an unknown type with the known ones and the config path', async () => {
    const r = new ProviderRegistry();
    r.register(memory);
    const error = await r.create('MetricsSink', 'cloudwach', {}, context, 'monitors[0].sinks[1]').catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('monitors[0].sinks[1].type: unknown sink "cloudwach" (known: memory)');
  });

  it('reports every option problem at once, each with its path', async () => {
    const r = new ProviderRegistry();
    r.register(memory);
    const error = await r.create('MetricsSink', 'memory', { batch: -1, extra: true }, context, 'sinks[2]').catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const paths = (error as ConfigError).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['sinks[2].namespace', 'sinks[2].batch', 'sinks[2].extra']));
    expect(error.message).toMatch(/sinks\[2\]\.namespace: /);
  });

  it('refuses a second provider for a taken port and type, naming both plugins', () => {
    const r = new ProviderRegistry();
    r.register(memory);
    expect(() => r.register(definePlugin({ ...memory, name: 'other' }))).toThrow(
      'plugin "other" registers MetricsSink type "memory", already registered by "memory-plugin"',
    );
  });
});
