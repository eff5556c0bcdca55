/**
 * Small seeded PRNG shared by the permutation tests, the bootstrap and the
 * calibration splits: xoshiro128** (Blackman & Vigna) on four 32-bit words,
 * seeded by splitmix32. All arithmetic is 32-bit integer (Math.imul, shifts),
 * so the stream is identical on every platform and its Python twin
 * (`scripts/reference/xoshiro128.py`, imported by the drift, metrics and
 * retraining generators) reproduces it word for word, which lets fixtures pin
 * permutation p-values, calibration splits and bootstrap resamples.
 */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    // splitmix32 (golden-ratio increment + murmur3 finaliser) spreads any seed,
    // including 0, over the 128-bit state; an all-zero state is unreachable in practice.
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next() | 0;
    this.s1 = next() | 0;
    this.s2 = next() | 0;
    this.s3 = next() | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next uniform 32-bit unsigned integer. */
  nextU32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits (two words: high 27 bits, then 26). */
  nextDouble(): number {
    const a = this.nextU32() >>> 5;
    const b = this.nextU32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * Unbiased integer in [0, bound), 1 <= bound <= 2^32.
   * bound <= 2^21: Lemire's multiply-shift with rejection (the 53-bit product is exact in a double);
   * larger bounds: bit-mask rejection.
   */
  nextBelow(bound: number): number {
    if (bound <= 2097152) {
      // m = u·bound < 2^53 is exact; its low word is the low 32 bits of the integer product (imul),
      // and (m − low) / 2^32 its high word, both exact: a double `%` would be a runtime call per draw.
      let u = this.nextU32();
      let low = Math.imul(u, bound) >>> 0;
      if (low < bound) {
        const threshold = (4294967296 - bound) % bound;
        while (low < threshold) {
          u = this.nextU32();
          low = Math.imul(u, bound) >>> 0;
        }
      }
      return (u * bound - low) / 4294967296;
    }
    let mask = bound - 1;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    for (;;) {
      const r = (this.nextU32() & mask) >>> 0;
      if (r < bound) return r;
    }
  }
}
