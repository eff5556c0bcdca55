const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * numpy's legacy `np.random.RandomState` (MT19937), reproduced draw for draw so that
 * results of reference implementations built on it (Evidently's bootstrap, pandas'
 * `DataFrame.sample(random_state=…)`) can be matched exactly, not just statistically.
 *
 * Covered: seeding by an integer (`init_genrand`, what `RandomState(int)` and
 * `np.random.seed(int)` do) or by an array of 32-bit words (`init_by_array`), `random_sample`
 * / `rand` (53-bit doubles from two words), `randint(low, high)` and `choice(n, size)` with
 * replacement (masked rejection on 32-bit words, as the legacy bounded-integer path does for
 * ranges below 2³²), `shuffle` / `permutation` (Fisher–Yates from the end with
 * `random_interval`), and `choice(n, size, replace=False)` = `permutation(n)[:size]`, which is
 * what pandas' `DataFrame.sample(n, random_state=seed)` calls.
 * All arithmetic is 32-bit integer (`Math.imul`, shifts), so the stream is platform independent.
 * Its tests compare against numpy's own output (`scripts/reference/gen_numpy_random_state.py`).
 */
export class NumpyRandomState {
  private readonly mt = new Uint32Array(N);
  private mti = N;

  /**
   * @param seed an integer in [0, 2³² − 1] (numpy's `init_genrand`), or an array of 32-bit words
   * (`init_by_array`, what numpy does for an array seed of two or more words; one word seeds like the integer).
   */
  constructor(seed: number | readonly number[]) {
    // numpy squeezes an array seed first: a one-word array seeds like the integer itself.
    const scalar = typeof seed === 'number' ? seed : seed.length === 1 ? (seed[0] as number) : undefined;
    if (scalar !== undefined) {
      if (!Number.isInteger(scalar) || scalar < 0 || scalar > 0xffffffff) {
        throw new RangeError(`Seed must be between 0 and 2**32 - 1, got ${scalar}`);
      }
      this.initGenrand(scalar);
    } else {
      this.initByArray(seed as readonly number[]);
    }
  }

  private initGenrand(seed: number): void {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] as number;
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.mti = N;
  }

  private initByArray(key: readonly number[]): void {
    this.initGenrand(19650218);
    const mt = this.mt;
    const len = key.length;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, len); k > 0; k--) {
      const prev = mt[i - 1] as number;
      mt[i] = ((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + ((key[j] as number) >>> 0) + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
      if (j >= len) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] as number;
      mt[i] = ((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.mti = N;
  }

  private generate(): void {
    const mt = this.mt;
    let kk = 0;
    for (; kk < N - M; kk++) {
      const y = ((mt[kk] as number) & UPPER_MASK) | ((mt[kk + 1] as number) & LOWER_MASK);
      mt[kk] = (mt[kk + M] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      const y = ((mt[kk] as number) & UPPER_MASK) | ((mt[kk + 1] as number) & LOWER_MASK);
      mt[kk] = (mt[kk + (M - N)] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = ((mt[N - 1] as number) & UPPER_MASK) | ((mt[0] as number) & LOWER_MASK);
    mt[N - 1] = (mt[M - 1] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.mti = 0;
  }

  /** Next tempered 32-bit word (`mt19937_next32`). */
  nextU32(): number {
    if (this.mti >= N) this.generate();
    let y = this.mt[this.mti++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** One uniform double in [0, 1): numpy's `random_sample()` / `rand()` (27 + 26 bits of two words). */
  randomSample(): number {
    const a = this.nextU32() >>> 5;
    const b = this.nextU32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** `rand(size)`: `size` uniform doubles. */
  rand(size: number): Float64Array {
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = this.randomSample();
    return out;
  }

  /**
   * One integer in [0, max] by masked rejection on 32-bit words (numpy's `random_interval` and the
   * legacy `buffered_bounded_masked_uint32`, which draw identically for max < 2³²).
   */
  private interval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    for (;;) {
      const v = (this.nextU32() & mask) >>> 0;
      if (v <= max) return v;
    }
  }

  /**
   * `randint(low, high, size)`: integers in [low, high). The range `high − low` must be in [1, 2³²];
   * a range of exactly 2³² takes raw words, as numpy does.
   */
  randint(low: number, high: number, size: number): Float64Array {
    const range = high - low - 1;
    if (!Number.isInteger(low) || !Number.isInteger(high) || range < 0 || range > 0xffffffff) {
      throw new RangeError(`randint: need integers with 1 <= high - low <= 2**32, got [${low}, ${high})`);
    }
    const out = new Float64Array(size);
    if (range === 0xffffffff) {
      for (let i = 0; i < size; i++) out[i] = low + this.nextU32();
      return out;
    }
    for (let i = 0; i < size; i++) out[i] = low + this.interval(range);
    return out;
  }

  /** `choice(n, size)` with replacement and uniform weights = `randint(0, n, size)`, as indices. */
  choice(n: number, size: number): Int32Array {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`choice: population must be a positive integer, got ${n}`);
    const drawn = this.randint(0, n, size);
    return Int32Array.from(drawn);
  }

  /** In-place `shuffle` of a 1-d array: Fisher–Yates from the last element down, j = `random_interval(i)`. */
  shuffle(values: { [index: number]: number; readonly length: number }): void {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const t = values[i] as number;
      values[i] = values[j] as number;
      values[j] = t;
    }
  }

  /** `permutation(n)`: a shuffled `arange(n)`. */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    this.shuffle(out);
    return out;
  }

  /**
   * `choice(n, size, replace=False)` with uniform weights: `permutation(n)[:size]` in the legacy
   * generator — and hence pandas' `DataFrame.sample(size, random_state=seed)` row positions.
   */
  sampleWithoutReplacement(n: number, size: number): Int32Array {
    if (size > n || size < 0) throw new RangeError(`cannot take a sample of ${size} from ${n} without replacement`);
    return this.permutation(n).subarray(0, size);
  }
}
