import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';

/**
 * `Worker` of node:worker_threads, required when a computation starts one (synchronously): the module,
 * with its message ports, loads only for a parallel run, not with the CLI.
 */
export function workerClass(): typeof Worker {
  return (createRequire(import.meta.url)('node:worker_threads') as { Worker: typeof Worker }).Worker;
}

/**
 * A compiled worker-thread module of this package: `./<file>` beside the calling module (`moduleUrl`, its
 * `import.meta.url`) in the built package; in a bundle (the CLI's chunks) the bundled copy when there is one
 * beside the chunk, else the package's `./<exported>` export; undefined when the caller runs from
 * TypeScript source (tests), where there is no compiled worker to start.
 */
export function findWorkerModule(moduleUrl: string, file: string, exported: string): URL | undefined {
  const beside = new URL(`./${file}`, moduleUrl);
  if (existsSync(fileURLToPath(beside))) return beside;
  if (!moduleUrl.endsWith('.js')) return undefined;
  try {
    return pathToFileURL(createRequire(moduleUrl).resolve(`@driftwatch/drift/${exported}`));
  } catch {
    return undefined;
  }
}
