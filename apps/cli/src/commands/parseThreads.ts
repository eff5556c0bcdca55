import { availableParallelism } from 'node:os';
import { UsageError } from '@driftwatch/core';

/**
 * `--threads`, else `DRIFTWATCH_THREADS`, else the cores this process may use
 * (`os.availableParallelism()`): a whole number from 1.
 */
export function parseThreads(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const [name, text] =
    flag !== undefined
      ? ['--threads', flag]
      : env.DRIFTWATCH_THREADS
        ? ['DRIFTWATCH_THREADS', env.DRIFTWATCH_THREADS]
        : [undefined, undefined];
  if (name === undefined || text === undefined) return availableParallelism();
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1024)
    throw new UsageError(`${name} "${text}" must be a whole number from 1 to 1024 (1: one thread; 2: read the two sides at once)`);
  return n;
}
