import type { DetectorParam } from './DetectorParam.js';
import { invalidValue } from './invalidValue.js';
import type { ChangeMode } from './PageHinkley.js';
import { resolveParams } from './resolveParams.js';
import type { StreamingDetector } from './StreamingDetector.js';

/** Options of {@link Cusum} (river's `drift.CUSUM`). */
export interface CusumOptions {
  /** Warm-up values over which the reference mean and deviation are estimated; default 30. */
  minInstances?: number;
  /** Slack k, in reference standard deviations; default 0.5. */
  slack?: number;
  /** Decision interval h, in reference standard deviations; default 5. */
  threshold?: number;
  /** Flag increases, decreases or both; default 'both'. */
  mode?: ChangeMode;
}

/** Parameters of {@link Cusum}: river's names, defaults and valid ranges. */
export const cusumParams: readonly DetectorParam[] = [
  {
    name: 'min_instances',
    option: 'minInstances',
    type: 'integer',
    default: 30,
    min: 1,
    description: 'Warm-up values: the reference mean and standard deviation are estimated over them, then frozen.',
  },
  {
    name: 'slack',
    option: 'slack',
    type: 'number',
    default: 0.5,
    min: 0,
    description: 'Slack k in reference standard deviations: deviations smaller than this do not accumulate.',
  },
  {
    name: 'threshold',
    option: 'threshold',
    type: 'number',
    default: 5.0,
    min: 0,
    minExclusive: true,
    description: 'Decision interval h in reference standard deviations: drift when a cumulative sum exceeds it.',
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
 * Tabular two-sided CUSUM (Page 1954; Montgomery, *Introduction to
 * Statistical Quality Control*, §9.1), a port of river's `drift.CUSUM`
 * (`river/drift/cusum.py` at online-ml/river 291ccdd5).
 *
 * The first `minInstances` values fix the reference μ₀ (their mean) and σ
 * (their sample standard deviation, ddof 1, river's `stats.Var`); from the
 * `minInstances`-th value on, with d = x − μ₀:
 *
 *   S⁺ = max(0, S⁺ + d − kσ),  S⁻ = max(0, S⁻ − d − kσ)
 *
 * and a drift is flagged when S⁺ (up), S⁻ (down) or either (both) exceeds hσ.
 * The state, reference included, is reset at the start of the update after a
 * drift, as in river.
 */
export class Cusum implements StreamingDetector {
  readonly minInstances: number;
  readonly slack: number;
  readonly threshold: number;
  readonly mode: ChangeMode;

  private n = 0;
  private mean = 0.0;
  private s = 0.0;
  private hasReference = false;
  private referenceMean = 0.0;
  private sigma = 0.0;
  private sumIncrease = 0.0;
  private sumDecrease = 0.0;
  private drift = false;
  /** The value being added: a field, so `step` takes no double argument (V8 boxes those). */
  private pending = 0.5;

  constructor(options?: CusumOptions) {
    const o = resolveParams('cusum', cusumParams, options);
    this.minInstances = o.minInstances as number;
    this.slack = o.slack as number;
    this.threshold = o.threshold as number;
    this.mode = o.mode as ChangeMode;
  }

  /** Whether the last update detected a drift. */
  get driftDetected(): boolean {
    return this.drift;
  }

  /** CUSUM has no warning zone: always false. */
  get warningDetected(): boolean {
    return false;
  }

  /** The frozen reference mean μ₀, or NaN during the warm-up. */
  get reference(): number {
    return this.hasReference ? this.referenceMean : Number.NaN;
  }

  reset(): void {
    this.drift = false;
    this.n = 0;
    this.mean = 0.0;
    this.s = 0.0;
    this.hasReference = false;
    this.referenceMean = 0.0;
    this.sigma = 0.0;
    this.sumIncrease = 0.0;
    this.sumDecrease = 0.0;
  }

  update(x: number): void {
    if (!(x - x === 0)) invalidValue('cusum', x, 'a finite number');
    this.pending = x;
    this.step();
  }

  updateFrom(values: Float64Array, index: number): void {
    const x = values[index];
    if (!(x - x === 0)) invalidValue('cusum', x, 'a finite number');
    this.pending = x;
    this.step();
  }

  private step(): void {
    const x = this.pending;
    if (this.drift) this.reset();
    this.n += 1;
    const meanOld = this.mean;
    this.mean += (1.0 / this.n) * (x - this.mean);
    this.s += (x - meanOld) * (x - this.mean);
    if (this.n < this.minInstances) {
      this.drift = false;
      return;
    }
    if (!this.hasReference) {
      this.hasReference = true;
      this.referenceMean = this.mean;
      const variance = this.n > 1 ? this.s / (this.n - 1) : 0.0;
      this.sigma = Math.sqrt(variance > 0 ? variance : 0.0);
    }
    const k = this.slack * this.sigma;
    const limit = this.threshold * this.sigma;
    const deviation = x - this.referenceMean;
    const inc = this.sumIncrease + deviation - k;
    const dec = this.sumDecrease - deviation - k;
    // Python's max(0.0, v): v only when v > 0.0.
    this.sumIncrease = inc > 0 ? inc : 0.0;
    this.sumDecrease = dec > 0 ? dec : 0.0;
    const up = this.sumIncrease > limit;
    const down = this.sumDecrease > limit;
    this.drift = this.mode === 'up' ? up : this.mode === 'down' ? down : up || down;
  }
}
