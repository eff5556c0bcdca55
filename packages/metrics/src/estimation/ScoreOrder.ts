const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Sorts row indices by a float64 key without a comparator: an LSD radix sort on the IEEE bits
 * (4 passes of 16 bits), stable, O(n). Buffers grow to the largest request and are reused, so
 * sorting chunk after chunk allocates nothing. Keys must not be NaN (callers drop such rows).
 *
 * The key of row `r` is `keys[r * stride + offset]`, so one class column of a row-major n × k score
 * matrix can be sorted in place.
 */
export class ScoreOrder {
  #keyHi = new Uint32Array(0);
  #keyLo = new Uint32Array(0);
  #bufA = new Int32Array(0);
  #bufB = new Int32Array(0);
  #tmpHi = new Uint32Array(0);
  #tmpLo = new Uint32Array(0);
  readonly #counts = new Uint32Array(65537);

  /**
   * Returns a view holding `rows[0..m)` ordered by ascending key (ties keep their input order).
   * The view is valid until the next call.
   */
  sort(keys: Float64Array, stride: number, offset: number, rows: Int32Array, m: number): Int32Array {
    if (!littleEndian) throw new Error('ScoreOrder needs a little-endian platform');
    this.#reserve(m);
    const words = new Uint32Array(keys.buffer, keys.byteOffset, keys.length * 2);
    let idx = this.#bufA;
    let hi = this.#keyHi;
    let lo = this.#keyLo;
    for (let i = 0; i < m; i++) {
      const r = rows[i];
      const w = 2 * (r * stride + offset);
      let l = words[w];
      let h = words[w + 1];
      // Order-preserving map of IEEE doubles onto unsigned integers: negative values flip all bits,
      // non-negative ones flip the sign bit.
      if (h & 0x80000000) {
        h = ~h >>> 0;
        l = ~l >>> 0;
      } else {
        h = (h | 0x80000000) >>> 0;
      }
      idx[i] = r;
      hi[i] = h;
      lo[i] = l;
    }
    let outIdx = this.#bufB;
    let outHi = this.#tmpHi;
    let outLo = this.#tmpLo;
    const counts = this.#counts;
    for (let pass = 0; pass < 4; pass++) {
      const src = pass < 2 ? lo : hi;
      const shift = pass % 2 === 0 ? 0 : 16;
      counts.fill(0);
      for (let i = 0; i < m; i++) counts[((src[i] >>> shift) & 0xffff) + 1]++;
      // A digit shared by every key leaves the order as it is: skip the move.
      let single = false;
      for (let d = 1; d <= 65536; d++) {
        if (counts[d] === m) {
          single = true;
          break;
        }
        if (counts[d] !== 0) break;
      }
      if (single) continue;
      for (let d = 1; d <= 65536; d++) counts[d] += counts[d - 1];
      for (let i = 0; i < m; i++) {
        const d = (src[i] >>> shift) & 0xffff;
        const p = counts[d]++;
        outIdx[p] = idx[i];
        outHi[p] = hi[i];
        outLo[p] = lo[i];
      }
      [idx, outIdx] = [outIdx, idx];
      [hi, outHi] = [outHi, hi];
      [lo, outLo] = [outLo, lo];
    }
    return idx.subarray(0, m);
  }

  #reserve(m: number): void {
    if (this.#bufA.length >= m) return;
    this.#keyHi = new Uint32Array(m);
    this.#keyLo = new Uint32Array(m);
    this.#bufA = new Int32Array(m);
    this.#bufB = new Int32Array(m);
    this.#tmpHi = new Uint32Array(m);
    this.#tmpLo = new Uint32Array(m);
  }
}
