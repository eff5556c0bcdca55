import { isDeclaredPlugin } from '@driftwatch/runtime';
import { describe, expect, it } from 'vitest';
import { builtinPlugins, bundledPlugins, declaredBuiltinPlugins } from './builtinPlugins.js';

const providers = (list: readonly { port: string; type: string }[]) => list.map((p) => `${p.port} ${p.type}`).sort();

describe('built-in plugins', () => {
  // A manifest that drifted from its plugin would hide a type from configs (or name one the plugin lacks).
  it.each(bundledPlugins)("%s: the manifest declares exactly the plugin's providers", async (name) => {
    const { manifest } = await import(`${name}/manifest`);
    const plugin = (await import(`${name}/plugin`)).default;
    expect(manifest.name).toBe(plugin.name);
    expect(providers(manifest.providers)).toEqual(providers(plugin.providers));
  });

  it('declares the bundled plugins without importing them, and imports each on demand', async () => {
    const declared = await declaredBuiltinPlugins();
    expect(declared.filter(isDeclaredPlugin).map((p) => p.name)).toEqual([...bundledPlugins]);
    const imported = await builtinPlugins();
    expect(imported.map((p) => p.name)).toEqual(declared.map((p) => p.name));
    expect(imported.every((p) => !isDeclaredPlugin(p))).toBe(true);
  });
});
