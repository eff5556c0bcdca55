import { definePlugin, defineProvider, type ProviderContext, type ProviderLifecycle } from '@driftwatch/core';
import { InMemoryLogger, InMemoryMetricsSink, InMemoryRunStore, testProviderContext } from '@driftwatch/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { LifecycleManager } from './LifecycleManager.js';
import { ProviderRegistry } from './ProviderRegistry.js';

/** A provider whose lifecycle calls append `name:phase` to `calls`. */
function recorder(name: string, calls: string[], behaviour: Partial<Record<'start' | 'flush' | 'shutdown', () => Promise<void>>> = {}) {
  const lifecycle: Required<ProviderLifecycle> = {
    start: async () => {
      calls.push(`${name}:start`);
      await behaviour.start?.();
    },
    flush: async () => {
      calls.push(`${name}:flush`);
      await behaviour.flush?.();
    },
    shutdown: async () => {
      calls.push(`${name}:shutdown`);
      await behaviour.shutdown?.();
    },
  };
  return lifecycle;
}

const info = (type: string, logger = new InMemoryLogger()) => ({
  port: 'MetricsSink' as const,
  type,
  configPath: `sinks[${type}]`,
  logger,
});

describe('LifecycleManager', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts each provider when tracked, then flushes and shuts each down in reverse creation order', async () => {
    const calls: string[] = [];
    const lifecycle = new LifecycleManager();
    await lifecycle.track(recorder('store', calls), { ...info('store'), port: 'RunStore' });
    await lifecycle.track(recorder('a', calls), info('a'));
    await lifecycle.track(recorder('b', calls), info('b'));
    expect(calls).toEqual(['store:start', 'a:start', 'b:start']);
    const report = await lifecycle.shutdown();
    expect(calls.slice(3)).toEqual(['b:flush', 'b:shutdown', 'a:flush', 'a:shutdown', 'store:flush', 'store:shutdown']);
    expect(report).toEqual({ providers: 3, failures: [] });
  });

  it('with startsProviders false (config validate) starts none, and leaves the stop phases to those without a start', async () => {
    const calls: string[] = [];
    const lifecycle = new LifecycleManager({ startsProviders: false });
    await lifecycle.track(recorder('store', calls), { ...info('store'), port: 'RunStore' });
    const client = { shutdown: vi.fn(async () => {}) }; // acquired in its factory: still released
    await lifecycle.track(client, info('client'));
    expect(calls).toEqual([]);
    expect(lifecycle.size).toBe(1);
    expect(await lifecycle.shutdown()).toEqual({ providers: 1, failures: [] });
    expect(calls).toEqual([]);
    expect(client.shutdown).toHaveBeenCalledOnce();
  });

  it('is idempotent: a second shutdown returns the first report without calling anything again', async () => {
    const calls: string[] = [];
    const lifecycle = new LifecycleManager();
    await lifecycle.track(recorder('a', calls), info('a'));
    const [first, second] = await Promise.all([lifecycle.shutdown(), lifecycle.shutdown()]);
    expect(second).toBe(first);
    expect(await lifecycle.shutdown()).toBe(first);
    expect(calls).toEqual(['a:start', 'a:flush', 'a:shutdown']);
  });

  it('calls only the methods a provider has; a TrainingProvider is started like any other (it submits jobs with submit)', async () => {
    const lifecycle = new LifecycleManager();
    const trainer = { type: 'command', submit: vi.fn(), start: vi.fn(), status: vi.fn(), cancel: vi.fn(), shutdown: vi.fn() };
    await lifecycle.track(trainer, { ...info('command'), port: 'TrainingProvider' });
    await lifecycle.track({ type: 'plain' }, info('plain'));
    await lifecycle.shutdown();
    expect(trainer.start).toHaveBeenCalledOnce();
    expect(trainer.submit).not.toHaveBeenCalled();
    expect(trainer.shutdown).toHaveBeenCalledOnce();
  });

  it('abandons a shutdown that hangs past the deadline, logs it on the provider logger, and goes on with the others', async () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    const lifecycle = new LifecycleManager({ deadlineMs: 5000 });
    let seen: AbortSignal | undefined;
    const hanging: ProviderLifecycle = {
      shutdown: ({ signal }) => {
        seen = signal;
        calls.push('hang:shutdown');
        return new Promise(() => {});
      },
    };
    const logger = new InMemoryLogger({ provider: 'hang', configPath: 'sinks[1]' });
    await lifecycle.track(recorder('first', calls), info('first'));
    await lifecycle.track(hanging, info('hang', logger));
    const done = lifecycle.shutdown();
    await vi.advanceTimersByTimeAsync(4999);
    expect(calls).toEqual(['first:start', 'hang:shutdown']);
    await vi.advanceTimersByTimeAsync(1);
    const report = await done;
    expect(calls).toEqual(['first:start', 'hang:shutdown', 'first:flush', 'first:shutdown']);
    expect(report.failures).toEqual([
      expect.objectContaining({ type: 'hang', configPath: 'sinks[hang]', phase: 'shutdown', timedOut: true }),
    ]);
    expect(seen?.aborted).toBe(true);
    expect(logger.atLeast('error')).toEqual([
      {
        level: 'error',
        msg: 'hang shutdown did not finish within 5000 ms; abandoned',
        fields: { provider: 'hang', configPath: 'sinks[1]', phase: 'shutdown', deadlineMs: 5000 },
      },
    ]);
  });

  it('collects and logs a failing flush or shutdown without throwing, and still shuts the provider down', async () => {
    const calls: string[] = [];
    const logger = new InMemoryLogger();
    const lifecycle = new LifecycleManager();
    const failing = recorder('f', calls, {
      flush: async () => {
        throw Object.assign(new Error('disk full'), { code: 'PROVIDER_FAILED' });
      },
    });
    await lifecycle.track(failing, info('f', logger));
    const report = await lifecycle.shutdown();
    expect(calls).toEqual(['f:start', 'f:flush', 'f:shutdown']);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ phase: 'flush', timedOut: false });
    expect((report.failures[0].error as Error).message).toBe('disk full');
    expect(logger.atLeast('error')[0].msg).toBe('flush failed: disk full');
  });

  it('fails tracking when start fails or hangs: a coded error as is, anything else as a ProviderError', async () => {
    vi.useFakeTimers();
    const lifecycle = new LifecycleManager({ deadlineMs: 100 });
    const coded = Object.assign(new Error('bad credentials'), { code: 'PROVIDER_FAILED' });
    await expect(lifecycle.track({ start: async () => Promise.reject(coded) }, info('coded'))).rejects.toBe(coded);
    await expect(lifecycle.track({ start: async () => Promise.reject(new Error('boom')) }, info('plain'))).rejects.toMatchObject({
      code: 'PROVIDER_FAILED',
      message: 'plain start: boom',
    });
    const hung = lifecycle.track({ start: () => new Promise<void>(() => {}) }, info('slow'));
    const outcome = expect(hung).rejects.toMatchObject({ message: 'slow start: did not start within 100 ms' });
    await vi.advanceTimersByTimeAsync(100);
    await outcome;
    // Tracked anyway, so shutdown releases what a failed start opened.
    expect(lifecycle.size).toBe(3);
  });

  it('owns the abort signal of the context; a provider created after shutdown began is shut down at once', async () => {
    const calls: string[] = [];
    const lifecycle = new LifecycleManager();
    expect(lifecycle.signal.aborted).toBe(false);
    lifecycle.abort();
    expect(lifecycle.signal.aborted).toBe(true);
    await lifecycle.shutdown();
    await expect(lifecycle.track(recorder('late', calls), info('late'))).rejects.toMatchObject({ code: 'PROVIDER_FAILED' });
    expect(calls).toEqual(['late:flush', 'late:shutdown']);
  });
});

describe('ProviderRegistry and the lifecycle', () => {
  it('gives each provider a child logger, the store once made (not to the store), and tracks and starts it', async () => {
    const contexts: Record<string, ProviderContext> = {};
    const started: string[] = [];
    const plugin = definePlugin({
      name: 'p',
      providers: [
        defineProvider({
          port: 'RunStore',
          type: 'memory',
          description: 'store',
          options: z.object({}).strict(),
          create: (_, context) => {
            contexts.store = context;
            return new InMemoryRunStore();
          },
        }),
        defineProvider({
          port: 'MetricsSink',
          type: 'memory',
          description: 'sink',
          options: z.object({}).strict(),
          create: (_, context) => {
            contexts.sink = context;
            return Object.assign(new InMemoryMetricsSink(), {
              start: () => {
                started.push('sink');
              },
            });
          },
        }),
      ],
    });
    const registry = new ProviderRegistry();
    registry.register(plugin);
    const logger = new InMemoryLogger();
    const base = testProviderContext({ logger, signal: registry.lifecycle.signal });
    const store = await registry.create('RunStore', 'memory', {}, base, 'store');
    await registry.create('MetricsSink', 'memory', {}, base, 'sinks[0]');
    expect(contexts.store.store).toBeUndefined();
    expect(contexts.sink.store).toBe(store);
    expect(contexts.sink.signal).toBe(registry.lifecycle.signal);
    contexts.sink.logger.info({ points: 3 }, 'published');
    expect(logger.atLeast('info')).toEqual([
      { level: 'info', msg: 'published', fields: { provider: 'memory', configPath: 'sinks[0]', points: 3 } },
    ]);
    expect(started).toEqual(['sink']);
    expect(registry.lifecycle.size).toBe(2);
  });

  it('tracks a data source until the pipeline closes it: a SIGTERM mid-read shuts it down, a closed one is released', async () => {
    const closed: number[] = [];
    let made = 0;
    const plugin = definePlugin({
      name: 'p',
      providers: [
        defineProvider({
          port: 'DataSource',
          type: 'memory',
          description: 'source',
          options: z.object({}).strict(),
          create: () => {
            const id = made++;
            return {
              uri: 'memory',
              inferSchema: async () => ({ columns: [] }),
              read: async () => ({ rowCount: 0, columns: [], source: 'memory' }),
              close: async () => {
                closed.push(id);
              },
              shutdown: async () => {
                closed.push(100 + id);
              },
            };
          },
        }),
      ],
    });
    const registry = new ProviderRegistry();
    registry.register(plugin);
    const base = testProviderContext({ signal: registry.lifecycle.signal });
    for (let run = 0; run < 3; run++) await (await registry.create('DataSource', 'memory', {}, base, 'monitors[0].reference')).close?.();
    expect(registry.lifecycle.size).toBe(0);
    expect(closed).toEqual([0, 1, 2]);
    await registry.create('DataSource', 'memory', {}, base, 'monitors[0].current');
    expect(registry.lifecycle.size).toBe(1);
    await registry.lifecycle.shutdown();
    expect(closed).toEqual([0, 1, 2, 103]);
  });
});
