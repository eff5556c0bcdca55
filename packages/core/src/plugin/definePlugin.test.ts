import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin, defineProvider, isDriftwatchPlugin } from './definePlugin.js';

const sink = defineProvider({
  port: 'MetricsSink',
  type: 'memory',
  description: 'test sink',
  options: z.object({}),
  create: () => ({ type: 'memory', publish: async () => {}, flush: async () => {} }),
});

describe('definePlugin', () => {
  it('accepts a well-formed plugin and brands it', () => {
    const plugin = definePlugin({ name: 'p', providers: [sink] });
    expect(isDriftwatchPlugin(plugin)).toBe(true);
    expect(plugin.providers).toHaveLength(1);
    expect(Object.isFrozen(plugin)).toBe(true);
  });
  it('rejects a plugin without a name', () => {
    expect(() => definePlugin({ name: '', providers: [] })).toThrow(/name/);
  });
  it('rejects an unknown port, naming the index and the ports', () => {
    expect(() => definePlugin({ name: 'p', providers: [{ ...sink, port: 'Nope' as 'MetricsSink' }] })).toThrow(
      /providers\[0\]\.port must be one of DataSource/,
    );
  });
  it('rejects a provider without a zod schema', () => {
    expect(() => definePlugin({ name: 'p', providers: [{ ...sink, options: {} as z.ZodType }] })).toThrow(/zod options schema/);
  });
  it('rejects two providers for one port and type', () => {
    expect(() => definePlugin({ name: 'p', providers: [sink, sink] })).toThrow(/two providers for MetricsSink:memory/);
  });
  it('tells plugins from other values', () => {
    expect(isDriftwatchPlugin(null)).toBe(false);
    expect(isDriftwatchPlugin({ name: 'x' })).toBe(false);
    expect(isDriftwatchPlugin(() => {})).toBe(false);
  });
});
