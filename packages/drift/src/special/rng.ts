/**
 * Small seeded PRNG for the permutation tests (TVD, MMD).
 *
 * xoshiro128** (Blackman & Vigna) on four 32-bit words, seeded by splitmix32.
 * All arithmetic is 32-bit integer (Math.imul, shifts), so the stream is
 * identical on every platform and `scripts/reference/gen_binned_categorical.py`
 * reproduces it word for word, which lets the fixtures pin permutation p-values.
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
      let m = this.nextU32() * bound;
      let low = m % 4294967296;
      if (low < bound) {
        const threshold = (4294967296 - bound) % bound;
        while (low < threshold) {
          m = this.nextU32() * bound;
          low = m % 4294967296;
        }
      }
      return Math.floor(m / 4294967296);
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

/** Seeded generator; `seed` is taken modulo 2^32. */
export function createRng(seed: number): Xoshiro128 {
  return new Xoshiro128(seed);
}

/** In-place Fisher–Yates shuffle (i from the end, j uniform in [0, i]). */
export function shuffle(a: Int32Array | Float64Array, rng: Xoshiro128): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.nextBelow(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/**
 * Partial Fisher–Yates: afterwards a[0..m) is a uniformly random m-subset of
 * the elements (in random order); costs m draws instead of a.length.
 */
export function partialShuffle(a: Int32Array | Float64Array, m: number, rng: Xoshiro128): void {
  const n = a.length;
  const top = Math.min(m, n - 1);
  for (let i = 0; i < top; i++) {
    const j = i + rng.nextBelow(n - i);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/**
 * Floyd's algorithm: k distinct indices drawn uniformly from [0, n), returned sorted.
 * Costs k draws and O(k log k), independent of n.
 */
export function sampleIndices(n: number, k: number, rng: Xoshiro128): Int32Array {
  if (k >= n) {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = rng.nextBelow(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  const out = Int32Array.from(chosen);
  out.sort();
  return out;
}

/**
 * One draw of the hypergeometric law: successes among `draws` items taken without replacement from `good`
 * successes and `bad` failures. Exact inversion: weights relative to the mode (term ratios of the pmf),
 * their total W summed until negligible, then u·W is spent from the mode outwards (mode, mode-1, mode+1, ...).
 * Uses one `nextDouble` unless the support is a single point. Cost O(sd) per draw.
 */
export function hypergeometric(good: number, bad: number, draws: number, rng: Xoshiro128): number {
  const lo = Math.max(0, draws - bad);
  const hi = Math.min(good, draws);
  if (lo >= hi) return lo;
  const mode = Math.floor(((draws + 1) * (good + 1)) / (good + bad + 2));
  const shift = bad - draws;
  let total = 1;
  let w = 1;
  for (let x = mode; x < hi; x++) {
    w *= ((good - x) * (draws - x)) / ((x + 1) * (shift + x + 1));
    total += w;
    if (w < total * 1e-17) break;
  }
  w = 1;
  for (let x = mode; x > lo; x--) {
    w *= (x * (shift + x)) / ((good - x + 1) * (draws - x + 1));
    total += w;
    if (w < total * 1e-17) break;
  }
  let t = rng.nextDouble() * total - 1;
  if (t < 0) return mode;
  let l = mode;
  let h = mode;
  let wl = 1;
  let wh = 1;
  for (;;) {
    let moved = false;
    if (l > lo) {
      wl *= (l * (shift + l)) / ((good - l + 1) * (draws - l + 1));
      l--;
      t -= wl;
      if (t < 0) return l;
      moved = true;
    }
    if (h < hi) {
      wh *= ((good - h) * (draws - h)) / ((h + 1) * (shift + h + 1));
      h++;
      t -= wh;
      if (t < 0) return h;
      moved = true;
    }
    if (!moved) return mode;
  }
}
