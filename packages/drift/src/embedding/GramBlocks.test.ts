import { Xoshiro128 } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { GramBlocks } from './GramBlocks.js';

const rng = new Xoshiro128(2024);
const matrix = (rows: number, cols: number) => Float64Array.from({ length: rows * cols }, () => rng.nextDouble() * 2 - 1);

describe('GramBlocks.kernelTimes (the f64x2 K·W block update)', () => {
  it('adds k·W rows both ways, skips k = 0 and the lower triangle of a diagonal block, like the scalar loop', () => {
    const rows = 90;
    const dim = 6;
    const width = 4;
    const x = matrix(rows, dim);
    const w = matrix(rows, width);
    const g = GramBlocks.create(x, rows, x, rows, dim, 2 * rows * width * 8) as GramBlocks;
    g.extra.set(w, 0);
    g.extra.set(w, rows * width);
    const expected = Float64Array.from(w);
    for (const [i0, ni, j0, nj] of [
      [0, 64, 0, 64],
      [0, 64, 64, 26],
      [64, 26, 64, 26],
    ] as const) {
      const { values, stride } = g.dots(i0, ni, j0, nj);
      const diagonal = i0 === j0;
      for (let a = 0; a < ni; a++) {
        for (let b = 0; b < nj; b++) {
          // Arbitrary kernel values with zeros sprinkled in (a zero must add nothing).
          const k = (a + b) % 7 === 0 ? 0 : Math.exp(-Math.abs(values[a * stride + b] as number));
          values[a * stride + b] = k;
          if ((diagonal && b <= a) || k === 0) continue;
          for (let c = 0; c < width; c++) {
            expected[(i0 + a) * width + c] += k * (w[(j0 + b) * width + c] as number);
            expected[(j0 + b) * width + c] += k * (w[(i0 + a) * width + c] as number);
          }
        }
      }
      g.kernelTimes(i0, ni, j0, nj, stride, diagonal, rows * width, width);
    }
    const got = g.extra.subarray(rows * width, 2 * rows * width);
    expect(Array.from(got)).toEqual(Array.from(expected));
    // W itself is left as it was.
    expect(Array.from(g.extra.subarray(0, rows * width))).toEqual(Array.from(w));
  });
});
