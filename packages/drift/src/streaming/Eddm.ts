import { UsageError } from '@driftwatch/core';
import type { DetectorParam } from './DetectorParam.js';
import { invalidValue } from './invalidValue.js';
import { resolveParams } from './resolveParams.js';
import type { StreamingDetector } from './StreamingDetector.js';

/** Options of {@link Eddm} (river's `drift.binary.EDDM`). */
export interface EddmOptions {
  /** Values seen and errors seen before change can be detected; default 30. */
  warmStart?: number;
  /** Warning level in (0, 1]; default 0.95. Must be >= beta. */
  alpha?: number;
  /** Drift level in (0, 1]; default 0.9. */
  beta?: number;
}

/** Parameters of {@link Eddm}: river's names, defaults and valid ranges. */
export const eddmParams: readonly DetectorParam[] = [
  {
    name: 'warm_start',
    option: 'warmStart',
    type: 'integer',
    default: 30,
    min: 0,
    description: 'Values (and errors) seen before a warning or a drift can be raised.',
  },
  {
    name: 'alpha',
    option: 'alpha',
    type: 'number',
    default: 0.95,
    min: 0,
    minExclusive: true,
    max: 1,
    description: 'Warning when (p′ + 2s′) / max(p′ + 2s′) falls below this; must be >= beta. Smaller is more conservative.',
  },
  {
    name: 'beta',
    option: 'beta',
    type: 'number',
    default: 0.9,
    min: 0,
    minExclusive: true,
    max: 1,
    description: 'Drift when (p′ + 2s′) / max(p′ + 2s′) falls below this. Smaller is more conservative.',
  },
];

/**
 * EDDM, the Early Drift Detection Method (Baena-García et al. 2006): a port
 * of river's `drift.binary.EDDM` (0.19+). Input: 1 = error, 0 = correct;
 * other values are rejected.
 *
 * Tracks the mean p′ and standard deviation s′ (river's `stats.Var`, Welford,
 * ddof 1) of the distance between consecutive errors; the warning / drift
 * levels compare p′ + 2s′ with its maximum. As in river, the flags change
 * only on errors (a 0 leaves the last warning standing) and the state is
 * reset at the start of the update after a drift.
 */
export class Eddm implements StreamingDetector {
  readonly warmStart: number;
  readonly alpha: number;
  readonly beta: number;

  private n = 0;
  private lastError = 0;
  private nErrors = 0;
  private p2sMax = -1;
  /** Welford state of the distances between errors. */
  private dN = 0;
  private dMean = 0.0;
  private dS = 0.0;
  private drift = false;
  /** The value being added: a field, so `step` takes no double argument (V8 boxes those). */
  private pending = 0.5;
  private warning = false;

  constructor(options?: EddmOptions) {
    const o = resolveParams('eddm', eddmParams, options);
    this.warmStart = o.warmStart as number;
    this.alpha = o.alpha as number;
    this.beta = o.beta as number;
    if (this.alpha < this.beta) throw new UsageError(`eddm: alpha (${this.alpha}) must be >= beta (${this.beta})`);
  }

  /** Whether the last update detected a drift. */
  get driftDetected(): boolean {
    return this.drift;
  }

  /** Whether the warning zone holds (updated on errors only, as in river). */
  get warningDetected(): boolean {
    return this.warning;
  }

  reset(): void {
    this.drift = false;
    this.warning = false;
    this.n = 0;
    this.lastError = 0;
    this.nErrors = 0;
    this.p2sMax = -1;
    this.dN = 0;
    this.dMean = 0.0;
    this.dS = 0.0;
  }

  update(x: number): void {
    if (x !== 0 && x !== 1) invalidValue('eddm', x, '0 (correct) or 1 (error)');
    this.pending = x;
    this.step();
  }

  updateFrom(values: Float64Array, index: number): void {
    const x = values[index];
    if (x !== 0 && x !== 1) invalidValue('eddm', x, '0 (correct) or 1 (error)');
    this.pending = x;
    this.step();
  }

  private step(): void {
    const x = this.pending;
    if (this.drift) this.reset();
    this.n += 1;
    if (x === 1) {
      this.nErrors += 1;
      const d = this.n - this.lastError;
      const meanOld = this.dMean;
      this.dN += 1;
      this.dMean += (1.0 / this.dN) * (d - this.dMean);
      this.dS += (d - meanOld) * (d - this.dMean);
      if (this.n > this.warmStart) {
        const variance = this.dN > 1 ? this.dS / (this.dN - 1) : 0.0;
        const p2s = this.dMean + 2 * Math.sqrt(variance);
        if (p2s > this.p2sMax) {
          this.p2sMax = p2s;
        } else if (this.nErrors > this.warmStart) {
          const level = p2s / this.p2sMax;
          if (level < this.beta) this.drift = true;
          else if (level < this.alpha) this.warning = true;
          else this.warning = false;
        }
      }
      this.lastError = this.n;
    }
  }
}
