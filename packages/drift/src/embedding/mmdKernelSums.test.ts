import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DriftwatchError, Xoshiro128 } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { mmdKernelSums } from './mmdKernelSums.js';
import { rbfKernelSum } from './rbfKernelSum.js';

const rng = new Xoshiro128(1414);
const matrix = (rows: number, dim: number) => Float64Array.from({ length: rows * dim }, () => rng.nextDouble() * 2 - 1);
// The compiled worker (tests run from source; `pnpm build` compiles it).
const builtWorker = new URL('../../dist/embedding/kernelSumWorker.js', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'driftwatch-mmd-worker-'));
const workerModule = (name: string, source: string) => {
  const path = join(dir, name);
  writeFileSync(path, source);
  return pathToFileURL(path);
};

describe('mmdKernelSums', () => {
  const dim = 11;
  const x = matrix(130, dim);
  const y = matrix(75, dim);
  const gamma = 0.2;

  it('sequentially: the three blocked sums', () => {
    const sums = mmdKernelSums(x, 130, y, 75, dim, gamma, { minParallelPairs: Number.POSITIVE_INFINITY });
    expect(sums.kxx).toBe(rbfKernelSum(x, 130, x, 130, dim, gamma, true));
    expect(sums.kyy).toBe(rbfKernelSum(y, 75, y, 75, dim, gamma, true));
    expect(sums.kxy).toBe(rbfKernelSum(x, 130, y, 75, dim, gamma, false));
    // A direct double loop (no norm expansion) agrees to rounding.
    let cross = 0;
    for (let i = 0; i < 130; i++) {
      for (let j = 0; j < 75; j++) {
        let d = 0;
        for (let k = 0; k < dim; k++) d += ((x[i * dim + k] as number) - (y[j * dim + k] as number)) ** 2;
        cross += Math.exp(-gamma * d);
      }
    }
    expect(Math.abs(sums.kxy - cross) / cross).toBeLessThan(1e-12);
  });

  it('with the cross sum on a worker thread: bit-identical to the sequential sums', () => {
    const sequential = mmdKernelSums(x, 130, y, 75, dim, gamma, { minParallelPairs: Number.POSITIVE_INFINITY });
    const parallel = mmdKernelSums(x, 130, y, 75, dim, gamma, { minParallelPairs: 0, workerUrl: builtWorker });
    expect(parallel).toEqual(sequential);
  });

  it('a worker module that cannot be loaded fails the call with an error (no hang)', () => {
    const missing = pathToFileURL(join(dir, 'missing.js'));
    expect(() => mmdKernelSums(x, 130, y, 75, dim, gamma, { minParallelPairs: 0, workerUrl: missing })).toThrow(
      /kernel-sum worker failed: cannot load .*missing\.js/,
    );
    const broken = workerModule('broken.mjs', 'throw new Error("boom at load");\n');
    try {
      mmdKernelSums(x, 130, y, 75, dim, gamma, { minParallelPairs: 0, workerUrl: broken });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DriftwatchError);
      expect((error as DriftwatchError).code).toBe('INTERNAL');
      expect((error as Error).message).toMatch(/boom at load/);
    }
  });

  it('a worker that loads but never reports fails after the stall time', () => {
    const silent = workerModule('silent.mjs', 'export {};\n');
    const started = Date.now();
    expect(() => mmdKernelSums(x, 130, y, 75, dim, gamma, { minParallelPairs: 0, workerUrl: silent, stallMs: 300 })).toThrow(
      /no progress for 300 ms/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
