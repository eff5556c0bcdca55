/** Below this length the built-in sort beats the radix sort's fixed cost. */
const RADIX_MIN_LENGTH = 4096;
const BUCKETS = 65536;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Sorts `values` ascending in place, in `Float64Array.prototype.sort()` order (NaN not expected).
 * Long inputs use a radix sort on the order-preserving IEEE bit patterns: LSD passes on the 32
 * high bits (2 passes of 16 bits, a pass whose digit is the same for every value skipped), then
 * each run of equal high words sorted by its low word. About 2x faster than a full 4-pass radix
 * sort on 1M probabilities; `scratch` (≥ `values.length`) is working space.
 */
export function radixSortInPlace(values: Float64Array, scratch?: Float64Array): void {
  const n = values.length;
  if (n < RADIX_MIN_LENGTH || !LITTLE_ENDIAN) {
    values.sort();
    return;
  }
  const work = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Float64Array(n);
  let src = values;
  let dst = work;
  let src32 = new Uint32Array(src.buffer, src.byteOffset, 2 * n);
  let dst32 = new Uint32Array(dst.buffer, dst.byteOffset, 2 * n);
  // Order-preserving unsigned keys: set the sign bit of non-negative values, invert negative ones.
  for (let i = 0; i < n; i++) {
    const hi = src32[2 * i + 1];
    if (hi & 0x80000000) {
      src32[2 * i + 1] = ~hi;
      src32[2 * i] = ~src32[2 * i];
    } else src32[2 * i + 1] = hi | 0x80000000;
  }
  // LSD passes on the high word only (2 × 16 bits): the low-word digits are spread over all
  // 65536 buckets, and scattering to that many places is what costs most. Runs of equal high
  // words (few, for real-valued scores) are then ordered by their low word.
  const counts = new Uint32Array(2 * BUCKETS);
  for (let i = 0; i < n; i++) {
    const hi = src32[2 * i + 1];
    counts[hi & 0xffff]++;
    counts[BUCKETS + (hi >>> 16)]++;
  }
  for (let pass = 0; pass < 2; pass++) {
    const base = pass * BUCKETS;
    let offset = 0;
    let trivial = false;
    for (let d = 0; d < BUCKETS; d++) {
      const c = counts[base + d];
      if (c === n) trivial = true;
      counts[base + d] = offset;
      offset += c;
    }
    if (trivial) continue;
    const shift = pass * 16;
    for (let i = 0; i < n; i++) {
      const lo = src32[2 * i];
      const hi = src32[2 * i + 1];
      const pos = counts[base + ((hi >>> shift) & 0xffff)]++;
      dst32[2 * pos] = lo;
      dst32[2 * pos + 1] = hi;
    }
    [src, dst] = [dst, src];
    [src32, dst32] = [dst32, src32];
  }
  sortLowWordsOfRuns(src32, n, new Uint32Array(dst32.buffer, dst32.byteOffset, n));
  for (let i = 0; i < n; i++) {
    const hi = src32[2 * i + 1];
    if (hi & 0x80000000) src32[2 * i + 1] = hi & 0x7fffffff;
    else {
      src32[2 * i + 1] = ~hi;
      src32[2 * i] = ~src32[2 * i];
    }
  }
  if (src !== values) values.set(src);
}

/**
 * Orders each run of equal high words (the odd words of the interleaved `keys`, n pairs) by the
 * low word, unsigned. Short runs by insertion; long ones through `tmp` and the built-in sort.
 */
function sortLowWordsOfRuns(keys: Uint32Array, n: number, tmp: Uint32Array): void {
  let i = 0;
  while (i < n) {
    const hi = keys[2 * i + 1];
    let j = i + 1;
    while (j < n && keys[2 * j + 1] === hi) j++;
    const len = j - i;
    if (len === 2) {
      const a = keys[2 * i];
      const b = keys[2 * i + 2];
      if (a > b) {
        keys[2 * i] = b;
        keys[2 * i + 2] = a;
      }
    } else if (len > 2 && len <= 16) {
      for (let k = i + 1; k < j; k++) {
        const v = keys[2 * k];
        let m = k - 1;
        while (m >= i && keys[2 * m] > v) {
          keys[2 * m + 2] = keys[2 * m];
          m--;
        }
        keys[2 * m + 2] = v;
      }
    } else if (len > 16) {
      const t = tmp.subarray(0, len);
      for (let k = 0; k < len; k++) t[k] = keys[2 * (i + k)];
      t.sort();
      for (let k = 0; k < len; k++) keys[2 * (i + k)] = t[k];
    }
    i = j;
  }
}
