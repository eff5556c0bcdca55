import type { Xoshiro128 } from '@driftwatch/core';

/** What one side of a calibration column holds: numeric values or category codes. */
export type ScenarioKind = 'numeric' | 'categorical';

/**
 * A data-generating process of the calibration benchmark. `fill` writes one sample (values or codes)
 * drawn from the scenario's distribution, or from a shifted one when `shift` names a shift it supports.
 */
export interface CalibrationScenario {
  /** Stable key, e.g. `normal`, `categories-4`. */
  readonly name: string;
  readonly kind: ScenarioKind;
  /** Human description of the distribution, for tables. */
  readonly description: string;
  /** Categories (categorical scenarios). */
  readonly categories?: number;
  /** Numeric values with many ties (integers): categorical methods, which read each value as a category, are measured too. */
  readonly discrete?: boolean;
  /** Shifts this scenario can be drawn under (see {@link calibrationShifts}). */
  readonly shifts: readonly string[];
  fill(out: Float64Array | Int32Array, rng: Xoshiro128, shift?: string): void;
}

/** A named departure from the scenario's distribution, for detection rates. */
export interface CalibrationShift {
  readonly name: string;
  readonly description: string;
}

/** The shifts under which detection rates are measured. */
export const calibrationShifts: readonly CalibrationShift[] = [
  { name: 'location', description: 'mean + 0.2 standard deviations (N(0.2, 1))' },
  { name: 'scale', description: 'standard deviation × 1.25 (N(0, 1.25²))' },
  { name: 'share', description: "the first category's share + 5 points, the others scaled down in proportion" },
];

/** Standard normal pairs by Box–Muller on 53-bit uniforms (1 − u keeps the logarithm finite). */
function fillNormal(out: Float64Array, rng: Xoshiro128, loc: number, scale: number): void {
  for (let i = 0; i < out.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rng.nextDouble()));
    const t = 2 * Math.PI * rng.nextDouble();
    out[i] = loc + scale * r * Math.cos(t);
    if (i + 1 < out.length) out[i + 1] = loc + scale * r * Math.sin(t);
  }
}

function normal(rng: Xoshiro128): number {
  return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
}

/** Codes by inversion of the cumulative shares. */
function fillCategories(out: Int32Array, rng: Xoshiro128, cumulative: Float64Array): void {
  const last = cumulative.length - 1;
  for (let i = 0; i < out.length; i++) {
    const u = rng.nextDouble();
    let c = 0;
    while (c < last && u >= cumulative[c]) c++;
    out[i] = c;
  }
}

function cumulativeOf(shares: readonly number[]): Float64Array {
  const total = shares.reduce((s, x) => s + x, 0);
  const out = new Float64Array(shares.length);
  let acc = 0;
  for (let i = 0; i < shares.length; i++) {
    acc += shares[i] / total;
    out[i] = acc;
  }
  out[shares.length - 1] = 1;
  return out;
}

/** +5 points to the first category, the others scaled so the shares still sum to 1. */
function shiftedShares(shares: readonly number[]): number[] {
  const total = shares.reduce((s, x) => s + x, 0);
  const p = shares.map((x) => x / total);
  const rest = 1 - p[0];
  return p.map((x, i) => (i === 0 ? x + 0.05 : (x * (rest - 0.05)) / rest));
}

function categorical(name: string, description: string, shares: readonly number[]): CalibrationScenario {
  const base = cumulativeOf(shares);
  const shifted = cumulativeOf(shiftedShares(shares));
  return {
    name,
    kind: 'categorical',
    description,
    categories: shares.length,
    shifts: ['share'],
    fill: (out, rng, shift) => fillCategories(out as Int32Array, rng, shift === 'share' ? shifted : base),
  };
}

const zipf20 = Array.from({ length: 20 }, (_, i) => 1 / (i + 1));

/**
 * The benchmark's scenarios: five numeric distributions (normal, skewed, heavy-tailed, discrete counts,
 * rounded values) and three categorical ones (2, 4 and 20 categories). Each draws from a seeded {@link Xoshiro128}, so a
 * table regenerates bit for bit.
 */
export const calibrationScenarios: readonly CalibrationScenario[] = [
  {
    name: 'normal',
    kind: 'numeric',
    description: 'N(0, 1)',
    shifts: ['location', 'scale'],
    fill: (out, rng, shift) => fillNormal(out as Float64Array, rng, shift === 'location' ? 0.2 : 0, shift === 'scale' ? 1.25 : 1),
  },
  {
    name: 'skewed',
    kind: 'numeric',
    description: 'lognormal: exp(N(0, 1))',
    shifts: [],
    fill: (out, rng) => {
      const v = out as Float64Array;
      fillNormal(v, rng, 0, 1);
      for (let i = 0; i < v.length; i++) v[i] = Math.exp(v[i]);
    },
  },
  {
    name: 'heavy-tailed',
    kind: 'numeric',
    description: "Student's t, 3 degrees of freedom",
    shifts: [],
    fill: (out, rng) => {
      const v = out as Float64Array;
      for (let i = 0; i < v.length; i++) {
        const a = normal(rng);
        const b = normal(rng);
        const c = normal(rng);
        v[i] = normal(rng) / Math.sqrt((a * a + b * b + c * c) / 3);
      }
    },
  },
  {
    name: 'discrete',
    kind: 'numeric',
    description: 'Poisson(4): integer counts, many ties',
    discrete: true,
    shifts: [],
    fill: (out, rng) => {
      // Knuth's product of uniforms; λ = 4 keeps the loop short.
      const limit = Math.exp(-4);
      const v = out as Float64Array;
      for (let i = 0; i < v.length; i++) {
        let k = 0;
        let p = rng.nextDouble();
        while (p > limit) {
          k++;
          p *= rng.nextDouble();
        }
        v[i] = k;
      }
    },
  },
  {
    name: 'rounded',
    kind: 'numeric',
    description: 'N(0, 1) rounded to 0.1: about 60 distinct values, ties',
    shifts: [],
    fill: (out, rng) => {
      const v = out as Float64Array;
      fillNormal(v, rng, 0, 1);
      for (let i = 0; i < v.length; i++) v[i] = Math.round(v[i] * 10) / 10;
    },
  },
  categorical('categories-2', '2 categories, shares .7/.3', [0.7, 0.3]),
  categorical('categories-4', '4 categories, shares .4/.3/.2/.1', [0.4, 0.3, 0.2, 0.1]),
  categorical('categories-20', '20 categories, Zipf shares ∝ 1/rank (.28 … .014)', zipf20),
];
