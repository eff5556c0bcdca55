import type { DetectorParam } from './DetectorParam.js';
import { hddmSharedParams } from './hddmParams.js';
import { invalidValue } from './invalidValue.js';
import { resolveParams } from './resolveParams.js';
import type { StreamingDetector } from './StreamingDetector.js';

/** Options of {@link HddmW} (river's `drift.binary.HDDMW`). */
export interface HddmWOptions {
  /** Confidence of the drift test in (0, 1); default 0.001. */
  driftConfidence?: number;
  /** Confidence of the warning test in (0, 1); default 0.005. */
  warningConfidence?: number;
  /** Weight λ of the newest value in the EWMA, in (0, 1]; default 0.05. */
  lambdaVal?: number;
  /** Also monitor decreases of the mean; default false (increases only). */
  twoSidedTest?: boolean;
}

/** Parameters of {@link HddmW}: river's names, defaults and valid ranges. */
export const hddmWParams: readonly DetectorParam[] = [
  hddmSharedParams.driftConfidence,
  hddmSharedParams.warningConfidence,
  {
    name: 'lambda_val',
    option: 'lambdaVal',
    type: 'number',
    default: 0.05,
    min: 0,
    minExclusive: true,
    max: 1,
    description: 'Weight of the newest value in the exponentially weighted mean (larger: more weight on recent data).',
  },
  hddmSharedParams.twoSidedTest,
];

/**
 * HDDM_W (Frías-Blanco et al. 2014): McDiarmid-bound test on exponentially
 * weighted means, a port of river's `drift.binary.HDDMW` (0.19+, after MOA).
 * Input in [0, 1] (1 = error); other values are rejected.
 *
 * Each of river's five `SampleInfo`s (total, s1/s2 for increases and
 * decreases) is three numbers here: the EWMA, whether it was updated, and the
 * independent bound condition. The EWMA is river's `stats.EWMean` (watermill's
 * Rust code): its first value — and any value that arrives while the mean is
 * exactly 0 — replaces the mean instead of being weighted, a quirk kept on
 * purpose so the detections match river. The decrease statistics are updated
 * even when `twoSidedTest` is off, as in river; the state is reset at the start
 * of the update after a drift.
 */
export class HddmW implements StreamingDetector {
  readonly driftConfidence: number;
  readonly warningConfidence: number;
  readonly lambdaVal: number;
  readonly twoSidedTest: boolean;

  private readonly lambdaSq: number;
  private readonly cLambdaSq: number;
  private readonly logInvDrift: number;
  private readonly logInvWarning: number;

  private totEwma = 0;
  private totInit = false;
  private totIbc = 1.0;
  private s1IncrEwma = 0;
  private s1IncrInit = false;
  private s1IncrIbc = 1.0;
  private s2IncrEwma = 0;
  private s2IncrInit = false;
  private s2IncrIbc = 1.0;
  private s1DecrEwma = 0;
  private s1DecrInit = false;
  private s1DecrIbc = 1.0;
  private s2DecrEwma = 0;
  private s2DecrInit = false;
  private s2DecrIbc = 1.0;
  private incrCutpoint = Number.POSITIVE_INFINITY;
  private decrCutpoint = Number.NEGATIVE_INFINITY;
  private drift = false;
  private warning = false;
  /** The value being added: a field, so `step` takes no double argument (V8 boxes those). */
  private pending = 0.5;

  constructor(options?: HddmWOptions) {
    const o = resolveParams('hddm_w', hddmWParams, options);
    this.driftConfidence = o.driftConfidence as number;
    this.warningConfidence = o.warningConfidence as number;
    this.lambdaVal = o.lambdaVal as number;
    this.twoSidedTest = o.twoSidedTest as boolean;
    this.lambdaSq = this.lambdaVal * this.lambdaVal;
    this.cLambdaSq = (1 - this.lambdaVal) * (1 - this.lambdaVal);
    this.logInvDrift = Math.log(1 / this.driftConfidence);
    this.logInvWarning = Math.log(1 / this.warningConfidence);
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
    this.totEwma = 0;
    this.totInit = false;
    this.totIbc = 1.0;
    this.s1IncrEwma = 0;
    this.s1IncrInit = false;
    this.s1IncrIbc = 1.0;
    this.s2IncrEwma = 0;
    this.s2IncrInit = false;
    this.s2IncrIbc = 1.0;
    this.s1DecrEwma = 0;
    this.s1DecrInit = false;
    this.s1DecrIbc = 1.0;
    this.s2DecrEwma = 0;
    this.s2DecrInit = false;
    this.s2DecrIbc = 1.0;
    this.incrCutpoint = Number.POSITIVE_INFINITY;
    this.decrCutpoint = Number.NEGATIVE_INFINITY;
  }

  update(x: number): void {
    if (!(x >= 0 && x <= 1)) invalidValue('hddm_w', x, 'in [0, 1] (1 = error)');
    this.pending = x;
    this.step();
  }

  updateFrom(values: Float64Array, index: number): void {
    const x = values[index];
    if (!(x >= 0 && x <= 1)) invalidValue('hddm_w', x, 'in [0, 1] (1 = error)');
    this.pending = x;
    this.step();
  }

  private step(): void {
    const x = this.pending;
    if (this.drift) this.reset();
    // Everything below is inlined by hand: V8 boxes doubles passed to or returned from calls it
    // does not inline, and update must not allocate. EWMA steps are river's `stats.EWMean`
    // (watermill): `mean == 0 ? x : λx + (1 − λ) mean`. Bounds are `_mcdiarmid_bound(ibc, c)` =
    // sqrt(ibc * log(1 / c) / 2), with each log computed once (the same double).
    const lam = this.lambdaVal;
    const cLam = 1 - lam;
    this.totEwma = this.totEwma === 0 ? x : lam * x + cLam * this.totEwma;
    this.totInit = true;
    this.totIbc = this.lambdaSq + this.cLambdaSq * this.totIbc;

    // Increases: a new cut point copies `total` and starts a fresh s2.
    let eps = Math.sqrt((this.totIbc * this.logInvDrift) / 2);
    if (this.totEwma + eps < this.incrCutpoint) {
      this.incrCutpoint = this.totEwma + eps;
      this.s1IncrEwma = this.totEwma;
      this.s1IncrInit = this.totInit;
      this.s1IncrIbc = this.totIbc;
      this.s2IncrEwma = 0;
      this.s2IncrInit = false;
      this.s2IncrIbc = 1.0;
    } else {
      this.s2IncrEwma = this.s2IncrEwma === 0 ? x : lam * x + cLam * this.s2IncrEwma;
      this.s2IncrInit = true;
      this.s2IncrIbc = this.lambdaSq + this.cLambdaSq * this.s2IncrIbc;
    }
    // river's `_has_mean_changed(s1_incr, s2_incr, c)`: both updated and s2 − s1 > bound(s1.ibc + s2.ibc, c).
    let incrDrift = false;
    let incrWarning = false;
    if (this.s1IncrInit && this.s2IncrInit) {
      const ibc = this.s1IncrIbc + this.s2IncrIbc;
      const diff = this.s2IncrEwma - this.s1IncrEwma;
      incrDrift = diff > Math.sqrt((ibc * this.logInvDrift) / 2);
      incrWarning = diff > Math.sqrt((ibc * this.logInvWarning) / 2);
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

    eps = Math.sqrt((this.totIbc * this.logInvDrift) / 2);
    if (this.totEwma - eps > this.decrCutpoint) {
      this.decrCutpoint = this.totEwma - eps;
      this.s1DecrEwma = this.totEwma;
      this.s1DecrInit = this.totInit;
      this.s1DecrIbc = this.totIbc;
      this.s2DecrEwma = 0;
      this.s2DecrInit = false;
      this.s2DecrIbc = 1.0;
    } else {
      this.s2DecrEwma = this.s2DecrEwma === 0 ? x : lam * x + cLam * this.s2DecrEwma;
      this.s2DecrInit = true;
      this.s2DecrIbc = this.lambdaSq + this.cLambdaSq * this.s2DecrIbc;
    }
    // river: `_has_mean_changed(s2_decr, s1_decr, c)`, i.e. s1 − s2 > bound.
    if (this.twoSidedTest && this.s2DecrInit && this.s1DecrInit) {
      const ibc = this.s2DecrIbc + this.s1DecrIbc;
      const diff = this.s1DecrEwma - this.s2DecrEwma;
      if (diff > Math.sqrt((ibc * this.logInvDrift) / 2)) this.drift = true;
      else if (diff > Math.sqrt((ibc * this.logInvWarning) / 2)) this.warning = true;
    }
  }
}
