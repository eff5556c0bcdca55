// Starts `readFrames`' worker from the TypeScript sources (under vitest, which
// runs the packages' src/ through the `@driftwatch/source` condition). Node 20
// cannot load .ts, so this registers loader hooks that strip types with the
// transformer vitest already brings (rolldown's oxc `transformSync`, found
// through vitest -> vite -> rolldown), then imports the worker entry. The
// built package never uses this file: dist/ has plain .js.
import { createRequire, register } from 'node:module';
import { workerData } from 'node:worker_threads';

function findTransformer() {
  try {
    const vitest = createRequire(import.meta.url).resolve('vitest/package.json');
    const vite = createRequire(vitest).resolve('vite/package.json');
    return createRequire(vite).resolve('rolldown/utils');
  } catch (cause) {
    throw new Error(
      '@driftwatch/data: running readFrames from TypeScript sources needs vitest installed (its rolldown strips types in the worker); build the package and use dist/ instead',
      { cause },
    );
  }
}

register(new URL('./sourceWorkerHooks.mjs', import.meta.url), { data: { transformer: findTransformer() } });
await import(workerData.entry);
