const N = 624;
const M = 397;

/**
 * CPython's `random.Random` as KSWIN uses it: the MT19937 Mersenne Twister
 * seeded from an integer (`init_by_array` over the 32-bit words of |seed|,
 * as `random_seed` in `Modules/_randommodule.c` does), `getrandbits(k)` for
 * k <= 32, `_randbelow` (rejection on `getrandbits(n.bit_length())`) and
 * `random.sample(range(n), k)` with both of CPython 3.11's strategies (a pool
 * when `n <= setsize`, a "selected" set otherwise). Reproducing it word for
 * word is what lets KSWIN draw the same sub-sample as river for the same seed.
 *
 * Only integer seeds are supported (0 <= seed <= 2^53 − 1); nothing here
 * allocates after construction.
 */
export class PythonRandom {
  private readonly mt = new Uint32Array(N);
  private mti = N + 1;

  constructor(seed: number) {
    this.seed(seed);
  }

  /** `random.seed(seed)` for a non-negative safe integer. */
  seed(seed: number): void {
    const s = Math.abs(seed);
    const low = s % 4294967296;
    const high = Math.floor(s / 4294967296);
    if (high > 0) this.initByArray(low, high, 2);
    else this.initByArray(low, 0, 1);
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.mti = N;
  }

  private initByArray(k0: number, k1: number, keyLength: number): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, keyLength); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      const key = j === 0 ? k0 : k1;
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= keyLength) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /** `genrand_uint32`: the next 32-bit word. */
  nextU32(): number {
    return this.next32() >>> 0;
  }

  /** The next word as a signed int32 (a Smi, so a call V8 does not inline allocates nothing). */
  private next32(): number {
    const mt = this.mt;
    if (this.mti >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      const y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      this.mti = 0;
    }
    let y = mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y | 0;
  }

  /** `getrandbits(k)` for 1 <= k <= 32. */
  getrandbits(k: number): number {
    return this.next32() >>> (32 - k);
  }

  /** `_randbelow(n)` for 1 <= n < 2^32: rejection sampling on `n.bit_length()` bits. */
  randbelow(n: number): number {
    const k = 32 - Math.clz32(n);
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /**
   * `random.sample(range(n), k)` into `out[0..k)`. `pool` (length >= n) and
   * `seen` (length >= n, all zero; left all zero) are the caller's scratch.
   */
  sampleRange(n: number, k: number, out: Int32Array, pool: Int32Array, seen: Uint8Array): void {
    let setsize = 21;
    if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
    if (n <= setsize) {
      for (let i = 0; i < n; i++) pool[i] = i;
      for (let i = 0; i < k; i++) {
        const j = this.randbelow(n - i);
        out[i] = pool[j];
        pool[j] = pool[n - i - 1];
      }
    } else {
      for (let i = 0; i < k; i++) {
        let j = this.randbelow(n);
        while (seen[j] === 1) j = this.randbelow(n);
        seen[j] = 1;
        out[i] = j;
      }
      for (let i = 0; i < k; i++) seen[out[i]] = 0;
    }
  }
}
