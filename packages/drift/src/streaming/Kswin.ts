import { DriftwatchError, UsageError } from '@driftwatch/core';
import { ks2samp } from '../univariate/ks2samp.js';
import type { DetectorParam } from './DetectorParam.js';
import { invalidValue } from './invalidValue.js';
import { PythonRandom } from './PythonRandom.js';
import { resolveParams } from './resolveParams.js';
import type { StreamingDetector } from './StreamingDetector.js';

/** Options of {@link Kswin} (river's `drift.KSWIN`). */
export interface KswinOptions {
  /** Significance of the KS test in (0, 1]; default 0.005 (river: keep it below 0.01). */
  alpha?: number;
  /** Size of the sliding window; default 100. */
  windowSize?: number;
  /** Size of the two compared samples; default 30; windowSize >= 2 × statSize. */
  statSize?: number;
  /**
   * Seed of the sub-sampling RNG (CPython's `random.Random(seed)`, reproduced
   * exactly); omit for a seed drawn from `crypto.getRandomValues`, as river's
   * `seed=None` draws from the OS.
   */
  seed?: number | null;
}

/** Parameters of {@link Kswin}: river's names, defaults and valid ranges. */
export const kswinParams: readonly DetectorParam[] = [
  {
    name: 'alpha',
    option: 'alpha',
    type: 'number',
    default: 0.005,
    min: 0,
    minExclusive: true,
    max: 1,
    description: 'Significance of the KS test: drift when p <= alpha (and D > 0.1). Very sensitive; keep it below 0.01.',
  },
  {
    name: 'window_size',
    option: 'windowSize',
    type: 'integer',
    default: 100,
    min: 2,
    max: 1_000_000,
    description: 'Size of the sliding window (values); must be at least 2 × stat_size.',
  },
  {
    name: 'stat_size',
    option: 'statSize',
    type: 'integer',
    default: 30,
    min: 1,
    max: 10000,
    description: 'Size of the two samples compared: the newest stat_size values and as many drawn from the older ones.',
  },
  {
    name: 'seed',
    option: 'seed',
    type: 'integer',
    default: null,
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    description: "Seed of the sub-sampling RNG (Python's random.Random, reproduced exactly); default: a random seed.",
  },
];

/**
 * Ascending in-place sort without allocation (`TypedArray.prototype.sort`
 * allocates a copy): insertion sort for the usual small samples, heapsort
 * beyond. No NaN here (update rejects it).
 */
function sortInPlace(a: Float64Array): void {
  const n = a.length;
  if (n <= 64) {
    for (let i = 1; i < n; i++) {
      const v = a[i];
      let j = i - 1;
      while (j >= 0 && a[j] > v) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
    return;
  }
  for (let start = (n >> 1) - 1; start >= 0; start--) siftDown(a, start, n);
  for (let end = n - 1; end > 0; end--) {
    const t = a[0];
    a[0] = a[end];
    a[end] = t;
    siftDown(a, 0, end);
  }
}

function siftDown(a: Float64Array, root: number, end: number): void {
  let r = root;
  for (;;) {
    let child = 2 * r + 1;
    if (child >= end) return;
    if (child + 1 < end && a[child + 1] > a[child]) child++;
    if (a[r] >= a[child]) return;
    const t = a[r];
    a[r] = a[child];
    a[child] = t;
    r = child;
  }
}

/** A seed for `seed: null`, like Python's `random.Random(None)` drawing from the OS. */
function entropySeed(): number {
  const words = new Uint32Array(2);
  globalThis.crypto.getRandomValues(words);
  return (words[0] & 0x1fffff) * 4294967296 + words[1];
}

/**
 * KSWIN (Raab et al. 2020): Kolmogorov–Smirnov test on a sliding window, a
 * port of river's `drift.KSWIN` (0.19+). Once the window (river's deque of
 * `windowSize`) is full, every update draws `statSize` positions among the
 * oldest `windowSize − statSize` with `random.sample` (CPython's Mersenne
 * Twister, reproduced bit for bit by {@link PythonRandom}, so a given seed
 * draws exactly river's sample) and compares them with the newest `statSize`
 * values by `scipy.stats.ks_2samp(method="auto")` ({@link ks2samp}, which
 * matches scipy). Drift when p <= alpha and D > 0.1. As in river, the update
 * after a drift empties the window and re-seeds the RNG with the same seed.
 *
 * No allocation per update: the window is a ring `Float64Array`, the two
 * samples are copied and sorted in preallocated scratch arrays, D is
 * computed there exactly as `ks2samp` computes it (snapped to h / n), and the
 * p-value is read from a table of `ks2samp` p-values per h built at
 * construction (see the constructor), identical to calling it.
 */
export class Kswin implements StreamingDetector {
  readonly alpha: number;
  readonly windowSize: number;
  readonly statSize: number;
  /** The seed in use (drawn at construction when none was given). */
  readonly seed: number;

  private readonly rng: PythonRandom;
  private readonly ring: Float64Array;
  private readonly older: Float64Array;
  private readonly newest: Float64Array;
  private readonly positions: Int32Array;
  private readonly pool: Int32Array;
  private readonly seen: Uint8Array;
  /** `ks2samp`'s p-value for D = h / statSize, h = 0..statSize (see the constructor). */
  private readonly pByH: Float64Array;
  private start = 0;
  private count = 0;
  private seenValues = 0;
  private tested = false;
  private h = 0;
  private drift = false;
  /** The value being added: a field, so `step` takes no double argument (V8 boxes those). */
  private pending = 0.5;

  constructor(options?: KswinOptions) {
    const o = resolveParams('kswin', kswinParams, options);
    this.alpha = o.alpha as number;
    this.windowSize = o.windowSize as number;
    this.statSize = o.statSize as number;
    if (this.windowSize - this.statSize < this.statSize) {
      throw new UsageError(
        `kswin: window_size (${this.windowSize}) must be at least 2 × stat_size (${this.statSize}): ` +
          `stat_size values are drawn from the window_size − stat_size oldest`,
      );
    }
    this.seed = o.seed === null ? entropySeed() : (o.seed as number);
    this.rng = new PythonRandom(this.seed);
    this.ring = new Float64Array(this.windowSize);
    this.older = new Float64Array(this.statSize);
    this.newest = new Float64Array(this.statSize);
    const population = this.windowSize - this.statSize;
    this.positions = new Int32Array(this.statSize);
    this.pool = new Int32Array(population);
    this.seen = new Uint8Array(population);
    // With equal sizes n <= 10000, ks2samp snaps D to h/n and its p-value depends on (n, h) only
    // (exact: Pr(D_{n,n} >= h/n); fallback: kstwo.sf(h/n, round(n/2))). So p is tabulated once per
    // h with ks2samp itself, on two integer samples shifted by h (whose D is exactly h/n), and
    // update() never calls ks2samp: no allocation, and the same doubles as calling it.
    const n = this.statSize;
    this.pByH = new Float64Array(n + 1);
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    for (let h = 0; h <= n; h++) {
      for (let i = 0; i < n; i++) {
        a[i] = i;
        b[i] = i + h;
      }
      const r = ks2samp(a, b);
      if (r.statistic !== h / n) throw new DriftwatchError('INTERNAL', `kswin: ks2samp table: D ${r.statistic} != ${h}/${n}`);
      this.pByH[h] = r.pValue;
    }
  }

  /** Whether the last update detected a drift. */
  get driftDetected(): boolean {
    return this.drift;
  }

  /** KSWIN has no warning zone: always false. */
  get warningDetected(): boolean {
    return false;
  }

  /** Values seen since the last reset (river's `n`). */
  get n(): number {
    return this.seenValues;
  }

  /** KS statistic D of the last test (0 before the window is full). */
  get ksStatistic(): number {
    return this.tested ? this.h / this.statSize : 0;
  }

  /** p-value of the last test (river's `p_value`; 0 before the window is full). */
  get pValue(): number {
    return this.tested ? this.pByH[this.h] : 0;
  }

  reset(): void {
    this.drift = false;
    this.start = 0;
    this.count = 0;
    this.seenValues = 0;
    this.tested = false;
    this.h = 0;
    this.rng.seed(this.seed);
  }

  update(x: number): void {
    if (!(x - x === 0)) invalidValue('kswin', x, 'a finite number');
    this.pending = x;
    this.step();
  }

  updateFrom(values: Float64Array, index: number): void {
    const x = values[index];
    if (!(x - x === 0)) invalidValue('kswin', x, 'a finite number');
    this.pending = x;
    this.step();
  }

  private step(): void {
    const x = this.pending;
    if (this.drift) this.reset();
    this.seenValues += 1;
    const w = this.windowSize;
    if (this.count < w) {
      this.ring[(this.start + this.count) % w] = x;
      this.count++;
    } else {
      this.ring[this.start] = x;
      this.start = this.start + 1 === w ? 0 : this.start + 1;
    }
    if (this.count < w) {
      this.drift = false;
      return;
    }
    const r = this.statSize;
    this.rng.sampleRange(w - r, r, this.positions, this.pool, this.seen);
    for (let i = 0; i < r; i++) {
      this.older[i] = this.ring[(this.start + this.positions[i]) % w];
      this.newest[i] = this.ring[(this.start + w - r + i) % w];
    }
    sortInPlace(this.older);
    sortInPlace(this.newest);
    this.tested = true;
    this.computeH();
    // river: `p_value <= alpha and st > 0.1`.
    this.drift = this.pByH[this.h] <= this.alpha && this.h / r > 0.1;
  }

  /** Whether at least one KS test ran since the last reset. */
  get hasTested(): boolean {
    return this.tested;
  }

  /**
   * h = D·n for the two sorted samples of equal size n, D computed as
   * `ks2samp` does (per distinct value, i/n − j/n) and rounded half to even
   * as its exact branch snaps it (n <= 10000 by the parameter's range).
   */
  private computeH(): void {
    const a = this.older;
    const b = this.newest;
    const n = a.length;
    let i = 0;
    let j = 0;
    let maxDiff = Number.NEGATIVE_INFINITY;
    let minDiff = Number.POSITIVE_INFINITY;
    while (i < n || j < n) {
      const v = j >= n || (i < n && a[i] <= b[j]) ? a[i] : b[j];
      while (i < n && a[i] <= v) i++;
      while (j < n && b[j] <= v) j++;
      const diff = i / n - j / n;
      if (diff > maxDiff) maxDiff = diff;
      if (diff < minDiff) minDiff = diff;
    }
    const minS = Math.min(Math.max(-minDiff, 0), 1);
    const d = Math.max(minS, maxDiff);
    const x = d * n;
    const f = Math.floor(x);
    const diff = x - f;
    this.h = diff < 0.5 ? f : diff > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  }
}
