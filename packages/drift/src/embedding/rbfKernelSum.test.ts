import { Xoshiro128 } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { GramBlocks } from './GramBlocks.js';
import { rbfKernelSum, rbfKernelTimes } from './rbfKernelSum.js';

const rng = new Xoshiro128(77);
const matrix = (rows: number, dim: number) => Float64Array.from({ length: rows * dim }, () => rng.nextDouble() * 2 - 1);
const dot = (a: Float64Array, i: number, b: Float64Array, j: number, dim: number) => {
  let s = 0;
  for (let k = 0; k < dim; k++) s += (a[i * dim + k] as number) * (b[j * dim + k] as number);
  return s;
};
const k = (a: Float64Array, i: number, b: Float64Array, j: number, dim: number, gamma: number) => {
  let d = 0;
  for (let t = 0; t < dim; t++) d += ((a[i * dim + t] as number) - (b[j * dim + t] as number)) ** 2;
  return Math.exp(-gamma * d);
};

describe('GramBlocks (WebAssembly f64x2) and the blocked kernel sums', () => {
  it('dot products of row blocks, odd widths and odd row counts padded with zeros', () => {
    for (const [rows, cols, dim] of [
      [131, 70, 7],
      [64, 64, 384],
      [3, 5, 1],
    ] as const) {
      const x = matrix(rows, dim);
      const y = matrix(cols, dim);
      const g = GramBlocks.create(x, rows, y, cols, dim) as GramBlocks;
      const ni = Math.min(64, rows - 64 > 0 ? rows - 64 : rows);
      const i0 = rows > 64 ? 64 : 0;
      const nj = Math.min(64, cols);
      const { values, stride } = g.dots(i0, ni, 0, nj);
      for (let a = 0; a < ni; a++) {
        for (let b = 0; b < nj; b++) expect(values[a * stride + b]).toBeCloseTo(dot(x, i0 + a, y, b, dim), 12);
      }
    }
  });

  it('Σ exp(−γ‖x − y‖²) over all pairs, and over i ≠ j of one side, equal the plain double loop', () => {
    const dim = 9;
    const x = matrix(150, dim);
    const y = matrix(97, dim);
    let cross = 0;
    for (let i = 0; i < 150; i++) for (let j = 0; j < 97; j++) cross += k(x, i, y, j, dim, 0.3);
    let within = 0;
    for (let i = 0; i < 150; i++) for (let j = 0; j < 150; j++) if (i !== j) within += k(x, i, x, j, dim, 0.3);
    expect(rbfKernelSum(x, 150, y, 97, dim, 0.3, false)).toBeCloseTo(cross, 9);
    expect(rbfKernelSum(x, 150, x, 150, dim, 0.3, true)).toBeCloseTo(within, 9);
  });

  it('K·W with the unit diagonal equals the dense product', () => {
    const dim = 5;
    const rows = 70;
    const x = matrix(rows, dim);
    const w = matrix(rows, 3);
    const out = rbfKernelTimes(x, rows, dim, 0.5, w, 3);
    for (const i of [0, 33, 69]) {
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let j = 0; j < rows; j++) s += (i === j ? 1 : k(x, i, x, j, dim, 0.5)) * (w[j * 3 + c] as number);
        expect(out[i * 3 + c]).toBeCloseTo(s, 10);
      }
    }
  });
});
