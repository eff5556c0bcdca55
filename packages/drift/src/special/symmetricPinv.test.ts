import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { symmetricEigen, symmetricPinv } from './symmetricPinv.js';

interface Fixture {
  pinv: { n: number; a: number[]; pinv: number[]; rankOfPinv: number }[];
}
const fixture = JSON.parse(readFileSync(new URL('../univariate/__fixtures__/location_scale.json', import.meta.url), 'utf8')) as Fixture;

function matmul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[r * n + k] * b[k * n + c];
      out[r * n + c] = s;
    }
  return out;
}
/** ‖a‖_F, scaled by the largest entry so that squares of 1e-188 or 1e+188 neither underflow nor overflow. */
const frobenius = (a: ArrayLike<number>): number => {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]));
  if (max === 0 || !Number.isFinite(max)) return max;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] / max) ** 2;
  return Math.sqrt(s) * max;
};
function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const d = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) d[i] = a[i] - b[i];
  const scale = frobenius(b);
  return scale === 0 ? frobenius(d) : frobenius(d) / scale;
}

describe('symmetricPinv vs np.linalg.pinv(a, rcond=n * eps)', () => {
  it.each(fixture.pinv.map((c, i) => [i, c] as const))('matrix %i', (_i, c) => {
    const a = Float64Array.from(c.a);
    const r = symmetricPinv(a, c.n);
    expect(r.rankOfPinv).toBe(c.rankOfPinv);
    // Backward-stable algorithms agree to about eps · cond(kept part); numpy's
    // own result is only that close to the exact pseudo-inverse.
    let maxKept = 0;
    let minKept = Number.POSITIVE_INFINITY;
    for (const v of r.eigenvalues) {
      const m = Math.abs(v);
      maxKept = Math.max(maxKept, m);
      if (m > c.n * Number.EPSILON * Math.max(...r.eigenvalues.map(Math.abs))) minKept = Math.min(minKept, m);
    }
    const cond = Number.isFinite(minKept) ? maxKept / minKept : 1;
    expect(relDiff(r.pinv, c.pinv)).toBeLessThanOrEqual(64 * Number.EPSILON * cond);
  });
});

const symmetricArb = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n * n, maxLength: n * n }).map((raw) => {
    // Entries below 1e-100 would make 1/λ overflow, as in numpy; not what is tested here.
    const v = raw.map((x) => (Math.abs(x) < 1e-100 ? 0 : x));
    const a = Float64Array.from(v);
    for (let r = 0; r < n; r++) for (let c = 0; c < r; c++) a[r * n + c] = a[c * n + r];
    return { n, a };
  }),
);

describe('symmetricEigen', () => {
  it('reconstructs A = V diag(λ) Vᵀ with orthonormal V', () => {
    fc.assert(
      fc.property(symmetricArb, ({ n, a }) => {
        const { values, vectors } = symmetricEigen(a, n);
        const vt = new Float64Array(n * n);
        const dvt = new Float64Array(n * n);
        for (let r = 0; r < n; r++)
          for (let c = 0; c < n; c++) {
            vt[r * n + c] = vectors[c * n + r];
            dvt[r * n + c] = values[r] * vectors[c * n + r];
          }
        const identity = new Float64Array(n * n);
        for (let i = 0; i < n; i++) identity[i * n + i] = 1;
        expect(relDiff(matmul(vt, vectors, n), identity)).toBeLessThan(1e-14);
        const scale = Math.max(frobenius(a), 1e-300);
        expect(frobenius(matmul(vectors, dvt, n).map((v, i) => v - a[i])) / scale).toBeLessThan(1e-14);
      }),
    );
  });
});

describe('symmetricPinv', () => {
  it('satisfies the Moore–Penrose conditions on rank-deficient matrices', () => {
    fc.assert(
      fc.property(symmetricArb, fc.integer({ min: 0, max: 5 }), ({ n, a }, drop) => {
        // Rebuild a with some eigenvalues zeroed to force rank deficiency.
        const { values, vectors } = symmetricEigen(a, n);
        const deficient = new Float64Array(n * n);
        for (let r = 0; r < n; r++)
          for (let c = 0; c < n; c++) {
            let s = 0;
            for (let i = drop; i < n; i++) s += vectors[r * n + i] * values[i] * vectors[c * n + i];
            deficient[r * n + c] = s;
          }
        const { pinv, rank } = symmetricPinv(deficient, n);
        if (rank === 0) {
          expect(frobenius(pinv)).toBe(0);
          return;
        }
        const eig = symmetricPinv(deficient, n).eigenvalues.map(Math.abs);
        const max = Math.max(...eig);
        const kept = eig.filter((v) => v > n * Number.EPSILON * max);
        // A kept eigenvalue whose reciprocal overflows (a subnormal spectrum, 1/5e-324 = ∞) makes
        // the pseudo-inverse infinite, as numpy's pinv is: the conditions cannot be checked then.
        if (Math.min(...kept) < 1 / Number.MAX_VALUE) {
          expect(pinv.every(Number.isFinite)).toBe(false);
          return;
        }
        const apa = matmul(matmul(deficient, pinv, n), deficient, n);
        const pap = matmul(matmul(pinv, deficient, n), pinv, n);
        const cond = max / Math.min(...kept);
        expect(relDiff(apa, deficient)).toBeLessThan(1e-13 * cond);
        expect(relDiff(pap, pinv)).toBeLessThan(1e-13 * cond);
      }),
    );
  });

  it('cuts at rtol · max|λ|, with rtol defaulting to n · eps', () => {
    const a = new Float64Array([1, 0, 0, 0, 1e-15, 0, 0, 0, 1e-16]);
    expect(symmetricPinv(a, 3).rank).toBe(2); // 3 · eps = 6.7e-16 sits between the two
    expect(symmetricPinv(a, 3, 1e-15).rank).toBe(1);
    expect(Array.from(symmetricPinv(a, 3).pinv)).toEqual([1, 0, 0, 0, 1 / 1e-15, 0, 0, 0, 0]);
  });

  it('returns NaN for non-finite input (numpy raises)', () => {
    const r = symmetricPinv(new Float64Array([1, Number.NaN, Number.NaN, 1]), 2);
    expect(r.pinv.every(Number.isNaN)).toBe(true);
    expect(r.rank).toBe(0);
  });
});
