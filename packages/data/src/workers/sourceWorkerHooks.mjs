// Loader hooks for sourceWorkerBootstrap.mjs: resolve workspace packages to
// their TypeScript sources (the `@driftwatch/source` export condition, as
// vitest.config.ts does), map `./x.js` imports of .ts files to `./x.ts`, and
// strip types with oxc.
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

let transformSync;

export async function initialize(data) {
  ({ transformSync } = await import(pathToFileURL(data.transformer).href));
}

export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes('@driftwatch/source') ? context.conditions : ['@driftwatch/source', ...context.conditions];
  const ctx = { ...context, conditions };
  if (context.parentURL?.endsWith('.ts') && specifier.startsWith('.') && specifier.endsWith('.js')) {
    try {
      return await nextResolve(`${specifier.slice(0, -3)}.ts`, ctx);
    } catch {
      // a real .js file
    }
  }
  return nextResolve(specifier, ctx);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const result = transformSync(path, await readFile(path, 'utf8'), { sourcemap: true, decorator: { legacy: true } });
  if (result.errors?.length) throw new Error(`${path}: ${result.errors.map((e) => e.message).join('; ')}`);
  const map = result.map
    ? `\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(result.map)).toString('base64')}`
    : '';
  return { format: 'module', source: result.code + map, shortCircuit: true };
}
