import { StateError } from '@driftwatch/core';
import type { DetectorParam } from './DetectorParam.js';
import { replayFinite } from './feedChunk.js';
import { invalidValue } from './invalidValue.js';
import { resolveParams } from './resolveParams.js';
import type { ReplayResult, StreamingDetector } from './StreamingDetector.js';

/** Options of {@link Adwin} (river's `drift.ADWIN`). */
export interface AdwinOptions {
  /** Significance value δ in (0, 1); default 0.002. Smaller values detect fewer, surer changes. */
  delta?: number;
  /** Check for changes every `clock` values; default 32 (1 = after every value). */
  clock?: number;
  /** Buckets of each size kept before two are merged (ADWIN2's M); default 5. */
  maxBuckets?: number;
  /** Minimum length of each sub-window compared; default 5. */
  minWindowLength?: number;
  /** No change is looked for until the window holds more than this many values; default 10. */
  gracePeriod?: number;
}

/** Parameters of {@link Adwin}: river's names, defaults and valid ranges. */
export const adwinParams: readonly DetectorParam[] = [
  {
    name: 'delta',
    option: 'delta',
    type: 'number',
    default: 0.002,
    min: 0,
    minExclusive: true,
    max: 1,
    maxExclusive: true,
    description: 'Significance value: a cut is a change when the sub-window means differ by more than the bound at this δ.',
  },
  {
    name: 'clock',
    option: 'clock',
    type: 'integer',
    default: 32,
    min: 1,
    description: 'How often (in values) the window is checked for a change; higher is faster but detects later.',
  },
  {
    name: 'max_buckets',
    option: 'maxBuckets',
    type: 'integer',
    default: 5,
    min: 1,
    max: 1024,
    description: 'Buckets of each size kept before the two oldest are merged (memory and resolution of the cuts).',
  },
  {
    name: 'min_window_length',
    option: 'minWindowLength',
    type: 'integer',
    default: 5,
    min: 1,
    description: 'Minimum length of each of the two sub-windows compared at a cut.',
  },
  {
    name: 'grace_period',
    option: 'gracePeriod',
    type: 'integer',
    default: 10,
    min: 0,
    description: 'No change is looked for until the window holds more than this many values.',
  },
];

/** Rows of buckets (row r holds buckets of 2^r values): 64 rows hold more than 2^63 values. */
const MAX_ROWS = 64;

/** 2^r for r in [0, MAX_ROWS]: the bucket sizes (`2 ** r` is a call to `Math.pow` in optimized code). */
const POW2 = new Float64Array(MAX_ROWS + 1);
/**
 * 2^−r for r in [0, MAX_ROWS]. `x * 2^−r` is the double `x / 2^r` is, to the last bit: 2^−r is
 * exact, so both round the same real number (subnormals included).
 */
const INV_POW2 = new Float64Array(MAX_ROWS + 1);
for (let r = 0; r <= MAX_ROWS; r++) {
  POW2[r] = 2 ** r;
  INV_POW2[r] = 2 ** -r;
}

/** Slots of {@link Adwin}'s `window` array. */
const WIDTH = 0;
const TOTAL = 1;
const VARIANCE = 2;

/**
 * ADWIN (Bifet & Gavaldà 2007), a port of river's `drift.ADWIN` and its
 * Cython core `AdaptiveWindowing` (`river/drift/adwin_c.pyx`, 0.19+): same
 * bucket compression, same cut scan (oldest row first, skipping each row's
 * newest bucket as river's loop does), same variance updates in the same
 * order of operations, so it flags the same indices.
 *
 * As in river, once a drift is flagged the whole detector is reset at the
 * start of the next `update` (river re-creates `AdaptiveWindowing`).
 *
 * The bucket rows live in two preallocated `Float64Array`s (totals and
 * variances, `maxBuckets + 1` slots per row) and a row-length `Int32Array`:
 * `update` allocates nothing.
 */
export class Adwin implements StreamingDetector {
  readonly delta: number;
  readonly clock: number;
  readonly maxBuckets: number;
  readonly minWindowLength: number;
  readonly gracePeriod: number;

  private readonly stride: number;
  private readonly totals: Float64Array;
  private readonly variances: Float64Array;
  /** Buckets used in each row (river's `Bucket.current_idx`). */
  private readonly counts: Int32Array;
  /**
   * The window's width, total and variance (river's `width`, `total`, `variance`) at
   * {@link WIDTH}, {@link TOTAL}, {@link VARIANCE}. Doubles from the start: a field that first
   * holds a small integer changes representation when it first gets a fraction (the width, when a
   * bucket of 2^r values is dropped), and V8 then discards the compiled code of every method.
   */
  private readonly window = new Float64Array(3);
  /** Rows in use (river's `len(bucket_deque)`); row 0 holds the newest values. */
  private rows = 1;
  /** Updates since the last check, in [0, clock): river's `tick % clock`, as `tick` only ever grows by one. */
  private sinceCheck = 0;
  private nDetections = 0;
  private drift = false;
  /** Set by {@link insertUntilCut} when its last check found a cut. */
  private cutFound = false;
  /** The value being inserted: a field, so the hot helpers take no double arguments (V8 boxes those). */
  private pending = 0.5;
  /** `update(x)`'s value, fed through the loop `replay` uses. */
  private readonly one = new Float64Array(1);

  constructor(options?: AdwinOptions) {
    const o = resolveParams('adwin', adwinParams, options);
    this.delta = o.delta as number;
    this.clock = o.clock as number;
    this.maxBuckets = o.maxBuckets as number;
    this.minWindowLength = o.minWindowLength as number;
    this.gracePeriod = o.gracePeriod as number;
    this.stride = this.maxBuckets + 1;
    this.totals = new Float64Array(MAX_ROWS * this.stride);
    this.variances = new Float64Array(MAX_ROWS * this.stride);
    this.counts = new Int32Array(MAX_ROWS);
  }

  /** Whether the last update detected a change. */
  get driftDetected(): boolean {
    return this.drift;
  }

  /** ADWIN has no warning zone: always false. */
  get warningDetected(): boolean {
    return false;
  }

  /** Values in the current window (river's `width`). */
  get width(): number {
    return this.window[WIDTH];
  }

  /** Sum of the values in the window (river's `total`). */
  get windowTotal(): number {
    return this.window[TOTAL];
  }

  /** Mean of the window (river's `estimation`); 0 when empty. */
  get estimation(): number {
    const w = this.window[WIDTH];
    return w === 0 ? 0 : this.window[TOTAL] / w;
  }

  /** Sum of squared deviations in the window (river's `variance`, not divided by the width). */
  get variance(): number {
    return this.window[VARIANCE];
  }

  /** Changes detected since the last reset (river's `n_detections`: 0 or 1 since river resets after each). */
  get detections(): number {
    return this.nDetections;
  }

  reset(): void {
    this.drift = false;
    this.totals.fill(0, 0, this.rows * this.stride);
    this.variances.fill(0, 0, this.rows * this.stride);
    this.counts.fill(0, 0, this.rows);
    this.rows = 1;
    this.window.fill(0);
    this.sinceCheck = 0;
    this.nDetections = 0;
  }

  update(x: number): void {
    if (!(x - x === 0)) invalidValue('adwin', x, 'a finite number');
    this.one[0] = x;
    if (this.drift) this.reset();
    this.feed(this.one, 0, 1);
  }

  updateFrom(values: Float64Array, index: number): void {
    const x = values[index];
    if (!(x - x === 0)) invalidValue('adwin', x, 'a finite number');
    if (this.drift) this.reset();
    this.feed(values, index, index + 1);
  }

  replay(values: Float64Array, from: number, to: number, offset: number, into: ReplayResult): number {
    return replayFinite(this, (v, a, b) => this.feed(v, a, b), values, from, to, offset, into);
  }

  /**
   * From `values[from]` (valid) on, updates until a drift, a rejected value or `to`; returns the
   * index of the next value. The callers do the reset a drift asks for.
   */
  private feed(values: Float64Array, from: number, to: number): number {
    const next = this.insertUntilCut(values, from, to);
    if (this.cutFound) {
      this.cutFound = false;
      // river's `_detect_change` loop: drop the oldest bucket and scan again while a cut remains.
      do {
        if (this.window[WIDTH] > 0) this.deleteOldest();
      } while (this.hasCut());
      this.nDetections += 1;
      this.drift = true;
    }
    return next;
  }

  /**
   * Inserts `values[from]`, … and checks every `clock` values, as river's `update` does, until a
   * check finds a cut (then {@link cutFound} is set), a rejected value or `to`; returns the index
   * of the next value. Kept apart from the reset and the shrinking after a cut, which the optimized
   * loop would otherwise first meet at the first drift, and be deoptimized there.
   */
  private insertUntilCut(values: Float64Array, from: number, to: number): number {
    const clock = this.clock;
    const window = this.window;
    let cut = false;
    let i = from;
    while (i < to) {
      const x = values[i];
      if (!(x - x === 0)) break;
      i++;
      this.pending = x;
      this.insert();
      // river: `tick += 1; if tick % clock == 0 and width > grace_period`, then the cut scan.
      const since = this.sinceCheck + 1;
      this.sinceCheck = since === clock ? 0 : since;
      if (since === clock && window[WIDTH] > this.gracePeriod && this.hasCut()) {
        cut = true;
        break;
      }
    }
    this.cutFound = cut;
    return i;
  }

  private insert(): void {
    const value = this.pending;
    const counts = this.counts;
    const newest = counts[0];
    this.totals[newest] = value;
    this.variances[newest] = 0;
    counts[0] = newest + 1;
    const window = this.window;
    const w = window[WIDTH] + 1;
    window[WIDTH] = w;
    let incremental = 0.0;
    if (w > 1.0) {
      const deviation = value - window[TOTAL] / (w - 1.0);
      incremental = ((w - 1.0) * deviation * deviation) / w;
    }
    window[VARIANCE] += incremental;
    window[TOTAL] += value;
    if (newest === this.maxBuckets) this.compress();
  }

  /** river's `_compress_buckets`, entered when row 0 holds `maxBuckets + 1` buckets. */
  private compress(): void {
    const s = this.stride;
    const t = this.totals;
    const v = this.variances;
    const counts = this.counts;
    const full = this.maxBuckets + 1;
    for (let idx = 0; idx < this.rows; idx++) {
      if (counts[idx] !== full) break;
      if (idx + 1 === this.rows) {
        if (this.rows === MAX_ROWS) throw new StateError('STATE_CORRUPT', 'adwin: window exceeds 2^63 values');
        this.rows++;
      }
      const b = idx * s;
      const n1 = POW2[idx];
      const n2 = n1;
      const t0 = t[b];
      const t1 = t[b + 1];
      // river: mu = total / n, and temp's division by n1 + n2 = 2^(idx+1); see INV_POW2.
      const mu1 = t0 * INV_POW2[idx];
      const mu2 = t1 * INV_POW2[idx];
      const total12 = t0 + t1;
      const temp = n1 * n2 * (mu1 - mu2) * (mu1 - mu2) * INV_POW2[idx + 1];
      const v12 = v[b] + v[b + 1] + temp;
      const nb = (idx + 1) * s;
      const nc = counts[idx + 1];
      t[nb + nc] = total12;
      v[nb + nc] = v12;
      counts[idx + 1] = nc + 1;
      // river's `Bucket.compress(2)`: drop the two oldest buckets of the row, zero the freed slots.
      for (let i = b + 2; i < b + s; i++) {
        t[i - 2] = t[i];
        v[i - 2] = v[i];
      }
      t[b + s - 2] = 0;
      t[b + s - 1] = 0;
      v[b + s - 2] = 0;
      v[b + s - 1] = 0;
      counts[idx] = full - 2;
      if (nc + 1 <= this.maxBuckets) break;
    }
  }

  /** river's `_delete_element`: drops the oldest bucket. */
  private deleteOldest(): void {
    const row = this.rows - 1;
    const b = row * this.stride;
    const n = POW2[row];
    const u = this.totals[b];
    const mu = u * INV_POW2[row];
    const v = this.variances[b];
    const window = this.window;
    window[WIDTH] -= n;
    window[TOTAL] -= u;
    const w = window[WIDTH];
    const muWindow = window[TOTAL] / w;
    const incremental = v + (n * w * (mu - muWindow) * (mu - muWindow)) / (n + w);
    window[VARIANCE] -= incremental;
    // river's `Bucket.compress(1)`.
    const end = b + this.stride;
    for (let i = b + 1; i < end; i++) {
      this.totals[i - 1] = this.totals[i];
      this.variances[i - 1] = this.variances[i];
    }
    this.totals[end - 1] = 0;
    this.variances[end - 1] = 0;
    this.counts[row] -= 1;
    if (this.counts[row] === 0) this.rows--;
  }

  /**
   * river's cut scan over the window as it is (oldest row first; each row's newest bucket is never
   * a cut point): whether some split's sub-window means differ by more than `_evaluate_cut`'s bound.
   */
  private hasCut(): boolean {
    const window = this.window;
    const mwl = this.minWindowLength;
    const t = this.totals;
    const counts = this.counts;
    const s = this.stride;
    let n0 = 0.0;
    let n1 = window[WIDTH];
    let u0 = 0.0;
    let u1 = window[TOTAL];
    // river's `_evaluate_cut` recomputes these per cut; the window does not change during a scan,
    // so computing them once gives the same doubles.
    const w = window[WIDTH];
    const deltaPrime = Math.log((2 * Math.log(w)) / this.delta);
    const varianceInWindow = window[VARIANCE] / w;
    // No cut's bound is below sqrt(8 v δ' / S), S = w − 2·mwl + 2: each cut has
    // 1/(n0 − mwl + 1) + 1/(n1 − mwl + 1) ≥ 4/S (its two terms' denominators sum to S), and the
    // bound's other term is ≥ 0. With a 1e−9 margin for rounding (the bound as computed is within
    // a few ulps of the exact one), a |deltaMean| at or under this is no cut, and the bound need
    // not be computed: that is nearly every cut of a window without a change. Only used where it
    // is a finite number well clear of underflow; −1 (never skip) otherwise, or when it is NaN.
    const floor = Math.sqrt((8 * varianceInWindow * deltaPrime) / (w - 2 * mwl + 2)) * (1 - 1e-9);
    const noCutAtOrBelow = floor >= 1e-150 && floor < Number.POSITIVE_INFINITY ? floor : -1;
    for (let idx = this.rows - 1; idx >= 0; idx--) {
      const b = idx * s;
      const size = POW2[idx];
      // river: `for k in range(bucket.current_idx - 1)`.
      const last = counts[idx] - 1;
      for (let k = 0; k < last; k++) {
        const u = t[b + k];
        n0 += size;
        n1 -= size;
        u0 += u;
        u1 -= u;
        if (n1 < mwl || n0 < mwl) continue;
        const deltaMean = u0 / n0 - u1 / n1;
        if (Math.abs(deltaMean) <= noCutAtOrBelow) continue;
        // river's `_evaluate_cut`, inlined (a call would box its double arguments).
        const mRecip = 1.0 / (n0 - mwl + 1) + 1.0 / (n1 - mwl + 1);
        const epsilon = Math.sqrt(2 * mRecip * varianceInWindow * deltaPrime) + (2 / 3) * deltaPrime * mRecip;
        if (Math.abs(deltaMean) > epsilon) return true;
      }
    }
    return false;
  }
}
