import { ConfigError, definePlugin, defineProvider, exitStatusFor, ProviderError } from '@driftwatch/core';
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

  describe('a declared plugin', () => {
    const declared = (plugin = memory) => {
      const imports: string[] = [];
      return {
        imports,
        plugin: {
          name: 'memory-plugin',
          declares: [{ port: 'MetricsSink' as const, type: 'memory' }],
          load: async () => {
            imports.push('memory-plugin');
            return plugin;
          },
        },
      };
    };

    it('is imported once, when a provider of its is created, and lists its types before', async () => {
      const r = new ProviderRegistry();
      const { imports, plugin } = declared();
      r.register(plugin);
      expect(r.types('MetricsSink')).toEqual(['memory']);
      expect(r.get('MetricsSink', 'memory')).toBeUndefined();
      expect(r.plugins()).toEqual([]);
      const error = await r.create('MetricsSink', 'memry', {}, context, 'sinks[0]').catch((e) => e);
      expect(error.message).toBe('sinks[0].type: unknown sink "memry" (known: memory)');
      expect(imports).toEqual([]);
      const [a, b] = await Promise.all([
        r.create('MetricsSink', 'memory', { namespace: 'a' }, context, 'sinks[0]'),
        r.create('MetricsSink', 'memory', { namespace: 'b' }, context, 'sinks[1]'),
      ]);
      expect([a.type, b.type]).toEqual(['memory:a:20', 'memory:b:20']);
      expect(imports).toEqual(['memory-plugin']);
      expect(r.get('MetricsSink', 'memory')?.plugin).toBe('memory-plugin');
      expect(r.plugins()).toEqual([memory]);
    });

    it('refuses a declared type already taken, naming both plugins, either way round', () => {
      const r = new ProviderRegistry();
      r.register(declared().plugin);
      expect(() => r.register(definePlugin({ ...memory, name: 'other' }))).toThrow(
        'plugin "other" registers MetricsSink type "memory", already registered by "memory-plugin"',
      );
      const s = new ProviderRegistry();
      s.register(memory);
      expect(() => s.register({ ...declared().plugin, name: 'other' })).toThrow(
        'plugin "other" registers MetricsSink type "memory", already registered by "memory-plugin"',
      );
    });

    it('is a config error when the plugin does not register what it declared', async () => {
      const r = new ProviderRegistry();
      r.register(declared(definePlugin({ ...memory, providers: [...memory.providers, { ...memory.providers[0], type: 'extra' }] })).plugin);
      const error = await r.load('MetricsSink', 'memory').catch((e) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect(exitStatusFor(error)).toBe(2);
      expect(error.message).toBe(
        'plugin "memory-plugin" does not register what its manifest declares ' +
          '(registers memory-plugin: MetricsSink extra, MetricsSink memory; declares memory-plugin: MetricsSink memory)',
      );
    });
  });

  describe('a factory that throws', () => {
    const throwing = (thrown: () => unknown) =>
      definePlugin({
        name: 'exploding-plugin',
        providers: [
          defineProvider({
            port: 'MetricsSink',
            type: 'boom',
            description: 'its factory throws',
            options: z.object({}).strict(),
            create: () => {
              throw thrown();
            },
          }),
        ],
      });
    const create = (thrown: () => unknown) => {
      const r = new ProviderRegistry();
      r.register(throwing(thrown));
      return r.create('MetricsSink', 'boom', {}, context, 'sinks[1]').catch((e: unknown) => e);
    };

    it('is a provider failure naming the type, the config path and the plugin, whatever it threw', async () => {
      const error = await create(() => new TypeError('connection pool exploded'));
      expect(error).toBeInstanceOf(ProviderError);
      expect(exitStatusFor(error)).toBe(4);
      expect((error as ProviderError).message).toBe(
        'boom create: sinks[1]: the factory of plugin "exploding-plugin" could not create the sink: connection pool exploded',
      );
      expect((error as ProviderError).cause).toBeInstanceOf(TypeError);
      const text = await create(() => 'a string, not an Error');
      expect(exitStatusFor(text)).toBe(4);
      expect((text as Error).message).toMatch(/^boom create: sinks\[1\]: .*plugin "exploding-plugin".*: a string, not an Error$/);
    });

    it('keeps a config error a config error, with the same context', async () => {
      const error = await create(() => new ConfigError('region is required', { issues: [{ path: 'region', message: 'required' }] }));
      expect(error).toBeInstanceOf(ConfigError);
      expect(exitStatusFor(error)).toBe(2);
      expect((error as ConfigError).message).toBe('sinks[1]: sink "boom" of plugin "exploding-plugin": region is required');
      expect((error as ConfigError).issues).toEqual([{ path: 'region', message: 'required' }]);
      // A factory's check that names no path is a problem at the provider's config path.
      const pathless = await create(() => new ConfigError('needs a store that keeps events'));
      expect((pathless as ConfigError).issues).toEqual([
        { path: 'sinks[1]', message: 'sink "boom" of plugin "exploding-plugin": needs a store that keeps events' },
      ]);
    });
  });
});
