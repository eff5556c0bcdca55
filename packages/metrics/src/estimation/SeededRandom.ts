import { Xoshiro128 } from '@driftwatch/core';

/**
 * Small seeded PRNG for the calibration check's shuffle splits and the synthetic scenarios.
 *
 * core's xoshiro128** with a draw that a Python twin reproduces exactly:
 * `scripts/reference/gen_estimation.py` reproduces it word for word, which lets the fixtures pin the
 * splits (and so the calibration decision) exactly.
 */
export class SeededRandom extends Xoshiro128 {
  /**
   * Integer in [0, bound) as `floor(nextDouble() * bound)`: one IEEE multiply, so a Python twin gets the
   * same value; the bias (< bound / 2^53) is far below anything a split can show.
   */
  override nextBelow(bound: number): number {
    return Math.floor(this.nextDouble() * bound);
  }

  /** Standard normal draw by Box–Muller (one value per two uniforms; the sine twin is dropped for simplicity). */
  nextNormal(): number {
    const u = 1 - this.nextDouble(); // (0, 1], so the log is finite
    const v = this.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
