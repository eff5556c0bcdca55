import type { DetectorParam } from './DetectorParam.js';
import { feedChunk } from './feedChunk.js';
import { invalidValue } from './invalidValue.js';
import { resolveParams } from './resolveParams.js';
import type { ReplayResult, StreamingDetector } from './StreamingDetector.js';

/** Options of {@link Ddm} (river's `drift.binary.DDM`). */
export interface DdmOptions {
  /** Values seen before change can be detected; default 30. */
  warmStart?: number;
  /** Warning when p + s > p_min + warningThreshold * s_min; default 2 (≈ 95% confidence). */
  warningThreshold?: number;
  /** Drift when p + s > p_min + driftThreshold * s_min; default 3 (≈ 99% confidence). */
  driftThreshold?: number;
}

/** Parameters of {@link Ddm}: river's names, defaults and valid ranges. */
export const ddmParams: readonly DetectorParam[] = [
  {
    name: 'warm_start',
    option: 'warmStart',
    type: 'integer',
    default: 30,
    min: 0,
    description: 'Values seen before a warning or a drift can be raised.',
  },
  {
    name: 'warning_threshold',
    option: 'warningThreshold',
    type: 'number',
    default: 2.0,
    min: 0,
    minExclusive: true,
    description: 'Warning when p + s exceeds p_min + this many s_min (2 ≈ 95% confidence).',
  },
  {
    name: 'drift_threshold',
    option: 'driftThreshold',
    type: 'number',
    default: 3.0,
    min: 0,
    minExclusive: true,
    description: 'Drift when p + s exceeds p_min + this many s_min (3 ≈ 99% confidence).',
  },
];

/**
 * DDM, the Drift Detection Method (Gama et al. 2004): a port of river's
 * `drift.binary.DDM` (0.19+). Input is a stream of errors: 1 = error,
 * 0 = correct; any other value is rejected (`InputError`).
 *
 * p is the running error rate (river's `stats.Mean`, updated as
 * `mean += (1 / n) * (x - mean)`), s = sqrt(p (1 − p) / n); after
 * `warmStart` values the minimum of p + s is tracked and a warning / drift is
 * raised when p + s exceeds p_min + k s_min. A drift clears the warning; the
 * state is reset at the start of the next update, as in river.
 */
export class Ddm implements StreamingDetector {
  readonly warmStart: number;
  readonly warningThreshold: number;
  readonly driftThreshold: number;

  private n = 0;
  private p = 0.0;
  private pMin = Number.POSITIVE_INFINITY;
  private sMin = Number.POSITIVE_INFINITY;
  private psMin = Number.POSITIVE_INFINITY;
  private drift = false;
  private warning = false;
  /** The value being added: a field, so `step` takes no double argument (V8 boxes those). */
  private pending = 0.5;

  constructor(options?: DdmOptions) {
    const o = resolveParams('ddm', ddmParams, options);
    this.warmStart = o.warmStart as number;
    this.warningThreshold = o.warningThreshold as number;
    this.driftThreshold = o.driftThreshold as number;
  }

  /** Whether the last update detected a drift. */
  get driftDetected(): boolean {
    return this.drift;
  }

  /** Whether the last update is in the warning zone. */
  get warningDetected(): boolean {
    return this.warning;
  }

  /** Running error rate p since the last reset. */
  get errorRate(): number {
    return this.p;
  }

  reset(): void {
    this.drift = false;
    this.warning = false;
    this.n = 0;
    this.p = 0.0;
    this.pMin = Number.POSITIVE_INFINITY;
    this.sMin = Number.POSITIVE_INFINITY;
    this.psMin = Number.POSITIVE_INFINITY;
  }

  update(x: number): void {
    if (x !== 0 && x !== 1) invalidValue('ddm', x, '0 (correct) or 1 (error)');
    this.pending = x;
    this.step();
  }

  updateFrom(values: Float64Array, index: number): void {
    const x = values[index];
    if (x !== 0 && x !== 1) invalidValue('ddm', x, '0 (correct) or 1 (error)');
    this.pending = x;
    this.step();
  }

  replay(values: Float64Array, from: number, to: number, offset: number, into: ReplayResult): number {
    let i = from;
    while (i < to) {
      const x = values[i];
      if (x !== 0 && x !== 1) break;
      if (this.drift) this.reset();
      i = this.feed(values, i, Math.min(to, i + feedChunk), offset, into.warnings);
      if (this.drift) into.drifts.push(offset + i - 1);
    }
    return i;
  }

  /**
   * The updates of a replay (the recurrence of {@link step}, on locals): from `values[from]`
   * (valid) on, feeds values until a drift, a rejected value or `to` and returns the index of the
   * next one; the position `offset + i` of each update that ends in the warning zone goes to
   * `warnings`. The caller does the reset a drift asks for, so that the optimized loop does not
   * meet it for the first time at the first drift (and get deoptimized there).
   */
  private feed(values: Float64Array, from: number, to: number, offset: number, warnings: number[]): number {
    const { warmStart, warningThreshold, driftThreshold } = this;
    let n = this.n;
    let p = this.p;
    let pMin = this.pMin;
    let sMin = this.sMin;
    let psMin = this.psMin;
    let warning = this.warning;
    let drift = false;
    let i = from;
    while (i < to) {
      const x = values[i];
      if (x !== 0 && x !== 1) break;
      i++;
      n += 1;
      p += (1.0 / n) * (x - p);
      const s = Math.sqrt((p * (1 - p)) / n);
      if (n > warmStart) {
        if (p + s <= psMin) {
          pMin = p;
          sMin = s;
          psMin = pMin + sMin;
        }
        warning = p + s > pMin + warningThreshold * sMin;
        if (p + s > pMin + driftThreshold * sMin) {
          drift = true;
          warning = false;
          break;
        }
        if (warning) warnings.push(offset + i - 1);
      }
    }
    this.n = n;
    this.p = p;
    this.pMin = pMin;
    this.sMin = sMin;
    this.psMin = psMin;
    this.warning = warning;
    this.drift = drift;
    return i;
  }

  /**
   * One update of `pending`, for `update` and `updateFrom`: the recurrence of {@link Ddm.feed}
   * on fields, which V8 inlines into a caller's loop (`feed` on one value took ~40% more time per
   * update in bench/w2).
   */
  private step(): void {
    const x = this.pending;
    if (this.drift) this.reset();
    this.n += 1;
    this.p += (1.0 / this.n) * (x - this.p);
    const p = this.p;
    const s = Math.sqrt((p * (1 - p)) / this.n);
    if (this.n > this.warmStart) {
      if (p + s <= this.psMin) {
        this.pMin = p;
        this.sMin = s;
        this.psMin = this.pMin + this.sMin;
      }
      this.warning = p + s > this.pMin + this.warningThreshold * this.sMin;
      if (p + s > this.pMin + this.driftThreshold * this.sMin) {
        this.drift = true;
        this.warning = false;
      }
    }
  }
}
