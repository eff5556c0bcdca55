// numpy's float64 reductions, reproduced in numpy's exact operation order so
// means, variances and bin-wise sums round as they do in the reference.

/**
 * numpy's float64 `np.sum` of a contiguous 1-D array: pairwise summation with 8 accumulators and blocks
 * of 128 (numpy/_core/src/umath/loops_utils.h.src, `pairwise_sum`). Bit-identical to numpy, so bin-wise
 * sums round as they do in the reference.
 */
export function pairwiseSum(a: Float64Array, offset = 0, n: number = a.length - offset): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[offset + i];
    return res;
  }
  if (n <= 128) {
    let r0 = a[offset];
    let r1 = a[offset + 1];
    let r2 = a[offset + 2];
    let r3 = a[offset + 3];
    let r4 = a[offset + 4];
    let r5 = a[offset + 5];
    let r6 = a[offset + 6];
    let r7 = a[offset + 7];
    const end = n - (n % 8);
    let i = 8;
    for (; i < end; i += 8) {
      const p = offset + i;
      r0 += a[p];
      r1 += a[p + 1];
      r2 += a[p + 2];
      r3 += a[p + 3];
      r4 += a[p + 4];
      r5 += a[p + 5];
      r6 += a[p + 6];
      r7 += a[p + 7];
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[offset + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, offset, n2) + pairwiseSum(a, offset + n2, n - n2);
}

/**
 * numpy's pairwise sum of `(a[i] - center) ** 2`, fused so no temporary array
 * is needed; the operation order equals `np.sum(np.square(a - center))`.
 */
export function pairwiseSumSquaredDeviations(a: Float64Array, offset: number, n: number, center: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) {
      const d = a[offset + i] - center;
      res += d * d;
    }
    return res;
  }
  if (n <= 128) {
    let d = a[offset] - center;
    let r0 = d * d;
    d = a[offset + 1] - center;
    let r1 = d * d;
    d = a[offset + 2] - center;
    let r2 = d * d;
    d = a[offset + 3] - center;
    let r3 = d * d;
    d = a[offset + 4] - center;
    let r4 = d * d;
    d = a[offset + 5] - center;
    let r5 = d * d;
    d = a[offset + 6] - center;
    let r6 = d * d;
    d = a[offset + 7] - center;
    let r7 = d * d;
    const end = offset + (n - (n % 8));
    let i = offset + 8;
    for (; i < end; i += 8) {
      d = a[i] - center;
      r0 += d * d;
      d = a[i + 1] - center;
      r1 += d * d;
      d = a[i + 2] - center;
      r2 += d * d;
      d = a[i + 3] - center;
      r3 += d * d;
      d = a[i + 4] - center;
      r4 += d * d;
      d = a[i + 5] - center;
      r5 += d * d;
      d = a[i + 6] - center;
      r6 += d * d;
      d = a[i + 7] - center;
      r7 += d * d;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (const stop = offset + n; i < stop; i++) {
      d = a[i] - center;
      res += d * d;
    }
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSumSquaredDeviations(a, offset, half, center) + pairwiseSumSquaredDeviations(a, offset + half, n - half, center);
}

/** `np.std(a)` (ddof 0): pairwise mean, then the pairwise sum of squared deviations over n. NaN when empty. */
export function numpyStd(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return Number.NaN;
  const mean = pairwiseSum(a, 0, n) / n;
  return Math.sqrt(pairwiseSumSquaredDeviations(a, 0, n, mean) / n);
}
