import type { DetectorParam } from './DetectorParam.js';
import { hddmSharedParams } from './hddmParams.js';
import { invalidValue } from './invalidValue.js';
import { resolveParams } from './resolveParams.js';
import type { StreamingDetector } from './StreamingDetector.js';

/** Options of {@link HddmA} (river's `drift.binary.HDDMA`). */
export interface HddmAOptions {
  /** Confidence of the drift test in (0, 1); default 0.001. */
  driftConfidence?: number;
  /** Confidence of the warning test in (0, 1); default 0.005. */
  warningConfidence?: number;
  /** Also monitor decreases of the mean; default false (increases only). */
  twoSidedTest?: boolean;
}

/** Parameters of {@link HddmA}: river's names, defaults and valid ranges. */
export const hddmAParams: readonly DetectorParam[] = [
  hddmSharedParams.driftConfidence,
  hddmSharedParams.warningConfidence,
  hddmSharedParams.twoSidedTest,
];

/**
 * HDDM_A (Frías-Blanco et al. 2014): Hoeffding-bound test on the moving
 * average, a port of river's `drift.binary.HDDMA` (0.19+, itself after MOA).
 * Input in [0, 1] (1 = error); other values are rejected, since the bounds
 * assume that range.
 *
 * Keeps the global mean z and two cut points (`x_min`, `x_max`: copies of z's
 * running mean taken where the bounded mean was lowest / highest), each a
 * river `stats.Mean` (n, mean) pair. The state is reset at the start of the
 * update after a drift, as in river.
 */
export class HddmA implements StreamingDetector {
  readonly driftConfidence: number;
  readonly warningConfidence: number;
  readonly twoSidedTest: boolean;

  private zN = 0;
  private zMean = 0.0;
  private minN = 0;
  private minMean = 0.0;
  private maxN = 0;
  private maxMean = 0.0;
  private drift = false;
  private warning = false;
  /** The value being added: a field, so `step` takes no double argument (V8 boxes those). */
  private pending = 0.5;
  private readonly logInvDrift: number;
  private readonly log2Drift: number;
  private readonly log2Warning: number;

  constructor(options?: HddmAOptions) {
    const o = resolveParams('hddm_a', hddmAParams, options);
    this.driftConfidence = o.driftConfidence as number;
    this.warningConfidence = o.warningConfidence as number;
    this.twoSidedTest = o.twoSidedTest as boolean;
    this.logInvDrift = Math.log(1.0 / this.driftConfidence);
    this.log2Drift = Math.log(2.0 / this.driftConfidence);
    this.log2Warning = Math.log(2.0 / this.warningConfidence);
  }

  /** Whether the last update detected a drift. */
  get driftDetected(): boolean {
    return this.drift;
  }

  /** Whether the last update is in the warning zone. */
  get warningDetected(): boolean {
    return this.warning;
  }

  reset(): void {
    this.drift = false;
    this.warning = false;
    this.zN = 0;
    this.zMean = 0.0;
    this.minN = 0;
    this.minMean = 0.0;
    this.maxN = 0;
    this.maxMean = 0.0;
  }

  update(x: number): void {
    if (!(x >= 0 && x <= 1)) invalidValue('hddm_a', x, 'in [0, 1] (1 = error)');
    this.pending = x;
    this.step();
  }

  updateFrom(values: Float64Array, index: number): void {
    const x = values[index];
    if (!(x >= 0 && x <= 1)) invalidValue('hddm_a', x, 'in [0, 1] (1 = error)');
    this.pending = x;
    this.step();
  }

  private step(): void {
    const x = this.pending;
    if (this.drift) this.reset();
    this.zN += 1;
    this.zMean += (1.0 / this.zN) * (x - this.zMean);
    if (this.minN === 0) {
      this.minN = this.zN;
      this.minMean = this.zMean;
    }
    if (this.maxN === 0) {
      this.maxN = this.zN;
      this.maxMean = this.zMean;
    }
    // river's `_hoeffding_bound(n)` = sqrt(1 / (2n) * log(1 / drift_confidence)), with the log
    // computed once (same double); helpers are inlined by hand because V8 boxes double arguments.
    const lnD = this.logInvDrift;
    const epsZ = Math.sqrt((1.0 / (2 * this.zN)) * lnD);
    let epsX = Math.sqrt((1.0 / (2 * this.minN)) * lnD);
    if (this.minMean + epsX >= this.zMean + epsZ) {
      this.minN = this.zN;
      this.minMean = this.zMean;
    }
    epsX = Math.sqrt((1.0 / (2 * this.maxN)) * lnD);
    if (this.maxMean - epsX <= this.zMean - epsZ) {
      this.maxN = this.zN;
      this.maxMean = this.zMean;
    }
    // river's `_mean_incr(confidence)`: false when x_min.n == z.n, else
    // z − x_min >= sqrt(m / 2 * log(2 / confidence)), m = (n_z − n_x) / n_x * (1 / n_z).
    let incrDrift = false;
    let incrWarning = false;
    if (this.minN !== this.zN) {
      const m = ((this.zN - this.minN) / this.minN) * (1.0 / this.zN);
      const diff = this.zMean - this.minMean;
      incrDrift = diff >= Math.sqrt((m / 2) * this.log2Drift);
      incrWarning = diff >= Math.sqrt((m / 2) * this.log2Warning);
    }
    if (incrDrift) {
      this.warning = false;
      this.drift = true;
    } else if (incrWarning) {
      this.warning = true;
      this.drift = false;
    } else {
      this.warning = false;
      this.drift = false;
    }
    if (this.twoSidedTest && this.maxN !== this.zN) {
      const m = ((this.zN - this.maxN) / this.maxN) * (1.0 / this.zN);
      const diff = this.maxMean - this.zMean;
      if (diff >= Math.sqrt((m / 2) * this.log2Drift)) this.drift = true;
      else if (diff >= Math.sqrt((m / 2) * this.log2Warning)) this.warning = true;
    }
  }
}
