import { prefixSums } from './prefixSums.js';

/** Below this length the built-in sort beats the radix sort's fixed cost. */
const radixMinLength = 4096;
/** Counting sorts a range up to the length plus this many (its counters stay few against the values). */
const countingSlack = 65536;
/** Widest digit of the radix passes. */
const maxDigitBits = 14;
/** Widest value range (max − min) sorted by counting: 16M counters, 64 MB at most. */
const countingMaxRange = 1 << 24;

/**
 * Sorts `values` ascending in place. `scratch` (at least `values.length` long) is working space, so
 * a caller sorting many columns reuses one buffer.
 *
 * A narrow range (max − min at most the length plus 65536) is sorted by counting: integer columns
 * such as ages, scores and counts. Anything else takes LSD radix passes on the offsets from the
 * minimum: as few digits of at most 14 bits as the range needs (two for a range below 2^28, which
 * holds a decimal column of 6 digits after the point up to 268), a pass whose digit is the same for
 * every value skipped.
 */
export function radixSortInt32(values: Int32Array, scratch?: Int32Array): void {
  const n = values.length;
  if (n < radixMinLength) {
    values.sort();
    return;
  }
  let min = values[0] as number;
  let max = min;
  for (let i = 1; i < n; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  const range = max - min;
  if (range <= n + countingSlack && range <= countingMaxRange) {
    const counts = new Uint32Array(range + 1);
    for (let i = 0; i < n; i++) counts[(values[i] as number) - min]++;
    let i = 0;
    for (let k = 0; k <= range; k++) values.fill(min + k, i, (i += counts[k] as number));
    return;
  }
  const work = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Int32Array(n);
  // Keys: the offsets from the minimum, unsigned, as many bits as the range needs, in 1–3 digits of
  // at most 14 bits (16384 counters: fewer passes than bytes, counters that stay in cache).
  let bits = 1;
  while (bits < 32 && 2 ** bits <= range) bits++;
  const passes = Math.ceil(bits / maxDigitBits);
  const digit = Math.ceil(bits / passes);
  const size = 1 << digit;
  const mask = size - 1;
  const counts = new Uint32Array(size * passes);
  for (let i = 0; i < n; i++) {
    let key = ((values[i] as number) - min) >>> 0;
    for (let pass = 0; pass < passes; pass++) {
      counts[pass * size + (key & mask)]++;
      key >>>= digit;
    }
  }
  let src = values;
  let dst = work;
  for (let pass = 0; pass < passes; pass++) {
    const base = pass * size;
    if (!prefixSums(counts, base, size, n)) continue;
    const shift = pass * digit;
    for (let i = 0; i < n; i++) {
      const v = src[i] as number;
      dst[counts[base + ((((v - min) >>> 0) >>> shift) & mask)]++ as number] = v;
    }
    [src, dst] = [dst, src];
  }
  if (src !== values) values.set(src);
}
