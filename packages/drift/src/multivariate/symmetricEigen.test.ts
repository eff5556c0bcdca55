import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './symmetricEigen.js';

describe('symmetricEigen', () => {
  it('finds the eigenpairs of a known matrix', () => {
    // [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1)/√2 and (1, -1)/√2.
    const { values, vectors } = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[0] * vectors[2]).toBeCloseTo(0.5, 14);
    expect(vectors[1] * vectors[3]).toBeCloseTo(-0.5, 14);
  });

  it('rebuilds random symmetric matrices as V·diag(λ)·Vᵀ with orthonormal V, values descending', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 49, maxLength: 49 }),
        (d, raw) => {
          const m = new Float64Array(d * d);
          for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) m[i * d + j] = m[j * d + i] = raw[i * 7 + j];
          const { values, vectors } = symmetricEigen(m, d);
          for (let j = 1; j < d; j++) expect(values[j]).toBeLessThanOrEqual(values[j - 1]);
          for (let i = 0; i < d; i++) {
            for (let j = 0; j < d; j++) {
              let rebuilt = 0;
              let dot = 0;
              for (let k = 0; k < d; k++) {
                rebuilt += vectors[i * d + k] * values[k] * vectors[j * d + k];
                dot += vectors[k * d + i] * vectors[k * d + j];
              }
              expect(rebuilt).toBeCloseTo(m[i * d + j], 9);
              expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
            }
          }
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });
});
