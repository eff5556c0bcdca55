import type { DetectorParam } from './DetectorParam.js';
import { replayFinite } from './feedChunk.js';
import { invalidValue } from './invalidValue.js';
import { resolveParams } from './resolveParams.js';
import type { ReplayResult, StreamingDetector } from './StreamingDetector.js';

/** Which direction of change a {@link PageHinkley} or {@link Cusum} detector flags. */
export type ChangeMode = 'up' | 'down' | 'both';

/** Options of {@link PageHinkley} (river's `drift.PageHinkley`). */
export interface PageHinkleyOptions {
  /** Values seen before change can be detected; default 30. */
  minInstances?: number;
  /** Magnitude of change tolerated (δ), in the data's units; default 0.005. */
  delta?: number;
  /** Detection threshold λ, in the data's units; default 50. */
  threshold?: number;
  /** Forgetting factor applied to the cumulative sums, in (0, 1]; default 1 − 0.0001. */
  alpha?: number;
  /** Flag increases, decreases or both; default 'both'. */
  mode?: ChangeMode;
}

/** Parameters of {@link PageHinkley}: river's names, defaults and valid ranges. */
export const pageHinkleyParams: readonly DetectorParam[] = [
  {
    name: 'min_instances',
    option: 'minInstances',
    type: 'integer',
    default: 30,
    min: 1,
    description: 'Values seen before a drift can be raised.',
  },
  {
    name: 'delta',
    option: 'delta',
    type: 'number',
    default: 0.005,
    min: 0,
    description: 'Magnitude of change tolerated (data units): subtracted from each deviation from the running mean.',
  },
  {
    name: 'threshold',
    option: 'threshold',
    type: 'number',
    default: 50.0,
    min: 0,
    minExclusive: true,
    description: 'Detection threshold λ (data units): drift when the cumulative deviation exceeds it.',
  },
  {
    name: 'alpha',
    option: 'alpha',
    type: 'number',
    default: 1 - 0.0001,
    min: 0,
    minExclusive: true,
    max: 1,
    description: 'Forgetting factor of the cumulative sums (1 = no forgetting).',
  },
  {
    name: 'mode',
    option: 'mode',
    type: 'enum',
    default: 'both',
    values: ['up', 'down', 'both'],
    description: 'Flag increases of the mean (up), decreases (down) or both.',
  },
];

/**
 * Page-Hinkley test (Page 1954), a port of river's `drift.PageHinkley`
 * (0.19+, with `mode`). With m the running mean (river's `stats.Mean`),
 * d = x − m:
 *
 *   S⁺ = α S⁺ + d − δ,  T⁺ = S⁺ − min S⁺;   S⁻ = α S⁻ + d + δ,  T⁻ = max S⁻ − S⁻
 *
 * (max S⁻ starts at −1, as in river), and a drift is flagged once at least
 * `minInstances` values were seen and T⁺ (up), T⁻ (down) or either (both)
 * exceeds λ. The state is reset at the start of the update after a drift.
 */
export class PageHinkley implements StreamingDetector {
  readonly minInstances: number;
  readonly delta: number;
  readonly threshold: number;
  readonly alpha: number;
  readonly mode: ChangeMode;

  private n = 0;
  private mean = 0.0;
  private sumIncrease = 0.0;
  private sumDecrease = 0.0;
  private minIncrease = Number.POSITIVE_INFINITY;
  private maxDecrease = -1;
  private drift = false;
  /** The value being added: a field, so `step` takes no double argument (V8 boxes those). */
  private pending = 0.5;

  constructor(options?: PageHinkleyOptions) {
    const o = resolveParams('page_hinkley', pageHinkleyParams, options);
    this.minInstances = o.minInstances as number;
    this.delta = o.delta as number;
    this.threshold = o.threshold as number;
    this.alpha = o.alpha as number;
    this.mode = o.mode as ChangeMode;
  }

  /** Whether the last update detected a drift. */
  get driftDetected(): boolean {
    return this.drift;
  }

  /** Page-Hinkley has no warning zone: always false. */
  get warningDetected(): boolean {
    return false;
  }

  reset(): void {
    this.drift = false;
    this.n = 0;
    this.mean = 0.0;
    this.sumIncrease = 0.0;
    this.sumDecrease = 0.0;
    this.minIncrease = Number.POSITIVE_INFINITY;
    this.maxDecrease = -1;
  }

  update(x: number): void {
    if (!(x - x === 0)) invalidValue('page_hinkley', x, 'a finite number');
    this.pending = x;
    this.step();
  }

  updateFrom(values: Float64Array, index: number): void {
    const x = values[index];
    if (!(x - x === 0)) invalidValue('page_hinkley', x, 'a finite number');
    this.pending = x;
    this.step();
  }

  replay(values: Float64Array, from: number, to: number, offset: number, into: ReplayResult): number {
    return replayFinite(this, (v, a, b) => this.feed(v, a, b), values, from, to, offset, into);
  }

  /**
   * The updates of a replay (the recurrence of {@link step}, on locals): from `values[from]`
   * (valid) on, feeds values until a drift, a rejected value or `to` and returns the index of the
   * next one. The caller does the reset a drift asks for, so that the optimized loop does not meet
   * it for the first time at the first drift (and get deoptimized there).
   */
  private feed(values: Float64Array, from: number, to: number): number {
    const { minInstances, delta, threshold, alpha } = this;
    const watchUp = this.mode !== 'down';
    const watchDown = this.mode !== 'up';
    let n = this.n;
    let mean = this.mean;
    let sumIncrease = this.sumIncrease;
    let sumDecrease = this.sumDecrease;
    let minIncrease = this.minIncrease;
    let maxDecrease = this.maxDecrease;
    let drift = false;
    let i = from;
    while (i < to) {
      const x = values[i];
      if (!(x - x === 0)) break;
      i++;
      n += 1;
      mean += (1.0 / n) * (x - mean);
      const dev = x - mean;
      sumIncrease = alpha * sumIncrease + dev - delta;
      sumDecrease = alpha * sumDecrease + dev + delta;
      if (sumIncrease < minIncrease) minIncrease = sumIncrease;
      if (sumDecrease > maxDecrease) maxDecrease = sumDecrease;
      if (n >= minInstances) {
        drift = (watchUp && sumIncrease - minIncrease > threshold) || (watchDown && maxDecrease - sumDecrease > threshold);
        if (drift) break;
      }
    }
    this.n = n;
    this.mean = mean;
    this.sumIncrease = sumIncrease;
    this.sumDecrease = sumDecrease;
    this.minIncrease = minIncrease;
    this.maxDecrease = maxDecrease;
    this.drift = drift;
    return i;
  }

  /**
   * One update of `pending`, for `update` and `updateFrom`: the recurrence of {@link PageHinkley.feed}
   * on fields, which V8 inlines into a caller's loop (`feed` on one value took ~40% more time per
   * update in bench/w2).
   */
  private step(): void {
    const x = this.pending;
    if (this.drift) this.reset();
    this.n += 1;
    this.mean += (1.0 / this.n) * (x - this.mean);
    const dev = x - this.mean;
    this.sumIncrease = this.alpha * this.sumIncrease + dev - this.delta;
    this.sumDecrease = this.alpha * this.sumDecrease + dev + this.delta;
    if (this.sumIncrease < this.minIncrease) this.minIncrease = this.sumIncrease;
    if (this.sumDecrease > this.maxDecrease) this.maxDecrease = this.sumDecrease;
    if (this.n >= this.minInstances) {
      const up = this.sumIncrease - this.minIncrease > this.threshold;
      const down = this.maxDecrease - this.sumDecrease > this.threshold;
      this.drift = this.mode === 'up' ? up : this.mode === 'down' ? down : up || down;
    }
  }
}
