/**
 * Small seeded PRNG for the calibration check's shuffle splits and the synthetic scenarios.
 *
 * xoshiro128** (Blackman & Vigna) on four 32-bit words, seeded by splitmix32. All arithmetic is
 * 32-bit integer (Math.imul, shifts), so the stream is identical on every platform and
 * `scripts/reference/gen_estimation.py` reproduces it word for word, which lets the fixtures pin the
 * splits (and so the calibration decision) exactly.
 */
export class SeededRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** @param seed any number; taken modulo 2^32. */
  constructor(seed: number) {
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
   * Integer in [0, bound) as `floor(nextDouble() * bound)`: one IEEE multiply, so a Python twin gets the
   * same value; the bias (< bound / 2^53) is far below anything a split can show.
   */
  nextBelow(bound: number): number {
    return Math.floor(this.nextDouble() * bound);
  }

  /** Standard normal draw by Box–Muller (one value per two uniforms; the sine twin is dropped for simplicity). */
  nextNormal(): number {
    const u = 1 - this.nextDouble(); // (0, 1], so the log is finite
    const v = this.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
