/** Below this length the built-in sort beats the radix sort's fixed cost. */
const radixMinLength = 4096;
const buckets = 65536;
/** Widest value range (max − min) sorted by counting: 16M counters, 64 MB at most. */
const countingMaxRange = 1 << 24;

/**
 * Sorts `values` ascending in place. `scratch` (at least `values.length` long) is working space, so
 * a caller sorting many columns reuses one buffer.
 *
 * A narrow range (max − min at most the length plus 65536) is sorted by counting: integer columns
 * such as ages, scores and counts. Anything else takes two LSD radix passes of 16 bits on the
 * order-preserving unsigned keys (the sign bit flipped), a pass whose digit is the same for every
 * value skipped.
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
  if (range <= n + buckets && range <= countingMaxRange) {
    const counts = new Uint32Array(range + 1);
    for (let i = 0; i < n; i++) counts[(values[i] as number) - min]++;
    let i = 0;
    for (let k = 0; k <= range; k++) values.fill(min + k, i, (i += counts[k] as number));
    return;
  }
  const work = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Int32Array(n);
  const counts = new Uint32Array(2 * buckets);
  for (let i = 0; i < n; i++) {
    const key = ((values[i] as number) ^ 0x80000000) >>> 0;
    counts[key & 0xffff]++;
    counts[buckets + (key >>> 16)]++;
  }
  let src = values;
  let dst = work;
  for (let pass = 0; pass < 2; pass++) {
    const base = pass * buckets;
    if (!prefixSums(counts, base, n)) continue;
    const shift = pass * 16;
    for (let i = 0; i < n; i++) {
      const v = src[i] as number;
      dst[counts[base + ((((v ^ 0x80000000) >>> 0) >>> shift) & 0xffff)]++ as number] = v;
    }
    [src, dst] = [dst, src];
  }
  if (src !== values) values.set(src);
}

/** Turns the digit counts `counts[base, base + 65536)` into start offsets; false when one digit holds all `n` keys. */
function prefixSums(counts: Uint32Array, base: number, n: number): boolean {
  let offset = 0;
  let trivial = false;
  for (let d = 0; d < buckets; d++) {
    const c = counts[base + d] as number;
    if (c === n) trivial = true;
    counts[base + d] = offset;
    offset += c;
  }
  return !trivial;
}
