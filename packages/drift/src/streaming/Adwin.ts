import { StateError } from '@driftwatch/core';
import type { DetectorParam } from './DetectorParam.js';
import { invalidValue } from './invalidValue.js';
import { resolveParams } from './resolveParams.js';
import type { StreamingDetector } from './StreamingDetector.js';

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
  /** Rows in use (river's `len(bucket_deque)`); row 0 holds the newest values. */
  private rows = 1;
  private total = 0;
  private varianceSum = 0;
  private widthValue = 0;
  private tick = 0;
  private nDetections = 0;
  private drift = false;
  /** The value being inserted: a field, so the hot helpers take no double arguments (V8 boxes those). */
  private pending = 0.5;

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
    return this.widthValue;
  }

  /** Sum of the values in the window (river's `total`). */
  get windowTotal(): number {
    return this.total;
  }

  /** Mean of the window (river's `estimation`); 0 when empty. */
  get estimation(): number {
    return this.widthValue === 0 ? 0 : this.total / this.widthValue;
  }

  /** Sum of squared deviations in the window (river's `variance`, not divided by the width). */
  get variance(): number {
    return this.varianceSum;
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
    this.total = 0;
    this.varianceSum = 0;
    this.widthValue = 0;
    this.tick = 0;
    this.nDetections = 0;
  }

  update(x: number): void {
    if (!(x - x === 0)) invalidValue('adwin', x, 'a finite number');
    this.pending = x;
    this.step();
  }

  updateFrom(values: Float64Array, index: number): void {
    const x = values[index];
    if (!(x - x === 0)) invalidValue('adwin', x, 'a finite number');
    this.pending = x;
    this.step();
  }

  private step(): void {
    if (this.drift) this.reset();
    this.insert();
    this.drift = this.detectChange();
  }

  private insert(): void {
    const value = this.pending;
    this.totals[this.counts[0]] = value;
    this.variances[this.counts[0]] = 0;
    this.counts[0]++;
    this.widthValue += 1;
    let incremental = 0.0;
    const w = this.widthValue;
    if (w > 1.0) incremental = ((w - 1.0) * (value - this.total / (w - 1.0)) * (value - this.total / (w - 1.0))) / w;
    this.varianceSum += incremental;
    this.total += value;
    this.compress();
  }

  private compress(): void {
    const s = this.stride;
    const t = this.totals;
    const v = this.variances;
    for (let idx = 0; idx < this.rows; idx++) {
      if (this.counts[idx] !== this.maxBuckets + 1) break;
      if (idx + 1 === this.rows) {
        if (this.rows === MAX_ROWS) throw new StateError('STATE_CORRUPT', 'adwin: window exceeds 2^63 values');
        this.rows++;
      }
      const b = idx * s;
      const n1 = 2 ** idx;
      const n2 = n1;
      const mu1 = t[b] / n1;
      const mu2 = t[b + 1] / n2;
      const total12 = t[b] + t[b + 1];
      const temp = (n1 * n2 * (mu1 - mu2) * (mu1 - mu2)) / (n1 + n2);
      const v12 = v[b] + v[b + 1] + temp;
      const nb = (idx + 1) * s;
      const nc = this.counts[idx + 1];
      t[nb + nc] = total12;
      v[nb + nc] = v12;
      this.counts[idx + 1] = nc + 1;
      this.shiftRow(idx, 2);
      if (nc + 1 <= this.maxBuckets) break;
    }
  }

  /** river's `Bucket.compress(n)`: drop the n oldest buckets of a row, zero the freed slots. */
  private shiftRow(row: number, n: number): void {
    const b = row * this.stride;
    const end = b + this.stride;
    for (let i = b + n; i < end; i++) {
      this.totals[i - n] = this.totals[i];
      this.variances[i - n] = this.variances[i];
    }
    for (let i = end - n; i < end; i++) {
      this.totals[i] = 0;
      this.variances[i] = 0;
    }
    this.counts[row] -= n;
  }

  /** river's `_delete_element`: drops the oldest bucket; returns its size. */
  private deleteOldest(): number {
    const row = this.rows - 1;
    const b = row * this.stride;
    const n = 2 ** row;
    const u = this.totals[b];
    const mu = u / n;
    const v = this.variances[b];
    this.widthValue -= n;
    this.total -= u;
    const muWindow = this.total / this.widthValue;
    const incremental = v + (n * this.widthValue * (mu - muWindow) * (mu - muWindow)) / (n + this.widthValue);
    this.varianceSum -= incremental;
    this.shiftRow(row, 1);
    if (this.counts[row] === 0) this.rows--;
    return n;
  }

  private detectChange(): boolean {
    let changeDetected = false;
    this.tick += 1;
    if (this.tick % this.clock === 0 && this.widthValue > this.gracePeriod) {
      const mwl = this.minWindowLength;
      let reduceWidth = true;
      while (reduceWidth) {
        reduceWidth = false;
        let exitFlag = false;
        let n0 = 0.0;
        let n1 = this.widthValue;
        let u0 = 0.0;
        let u1 = this.total;
        // river's `_evaluate_cut` recomputes these per cut; the width only changes when a
        // bucket is dropped, which ends this scan, so computing them once gives the same doubles.
        const w = this.widthValue;
        const deltaPrime = Math.log((2 * Math.log(w)) / this.delta);
        const varianceInWindow = this.varianceSum / w;
        for (let idx = this.rows - 1; idx >= 0; idx--) {
          if (exitFlag) break;
          const b = idx * this.stride;
          const size = 2 ** idx;
          // river: `for k in range(bucket.current_idx - 1)`, i.e. the row's newest bucket is never a cut point.
          const last = this.counts[idx] - 1;
          for (let k = 0; k < last; k++) {
            n0 += size;
            n1 -= size;
            u0 += this.totals[b + k];
            u1 -= this.totals[b + k];
            const deltaMean = u0 / n0 - u1 / n1;
            if (n1 < mwl || n0 < mwl) continue;
            // river's `_evaluate_cut`, inlined (a call would box its double arguments).
            const mRecip = 1.0 / (n0 - mwl + 1) + 1.0 / (n1 - mwl + 1);
            const epsilon = Math.sqrt(2 * mRecip * varianceInWindow * deltaPrime) + (2 / 3) * deltaPrime * mRecip;
            if (Math.abs(deltaMean) > epsilon) {
              reduceWidth = true;
              changeDetected = true;
              if (this.widthValue > 0) {
                n0 -= this.deleteOldest();
                exitFlag = true;
                break;
              }
            }
          }
        }
      }
    }
    if (changeDetected) this.nDetections += 1;
    return changeDetected;
  }
}
