import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { binnedShares } from '../binnedShares.js';
import { referenceSample, type SampleSpec } from '../../testing/referenceSample.js';

/** Twin of `build` in scripts/reference/gen_binned_categorical.py: same specs, same IEEE operations. */
export type DataDesc =
  | { values: number[] }
  | { concat: DataDesc[] }
  | { sample: SampleSpec; map?: ([op: 'mul' | 'div' | 'add', arg: number] | [op: 'floor' | 'square'])[] };

export function build(desc: DataDesc): Float64Array {
  if ('values' in desc) return Float64Array.from(desc.values);
  if ('concat' in desc) {
    const parts = desc.concat.map(build);
    const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
  const x = referenceSample(desc.sample);
  const ops = desc.map ?? [];
  for (let i = 0; i < x.length; i++) {
    let v = x[i];
    for (const op of ops) {
      if (op[0] === 'mul') v = v * op[1];
      else if (op[0] === 'div') v = v / op[1];
      else if (op[0] === 'add') v = v + op[1];
      else if (op[0] === 'floor') v = Math.floor(v);
      else v = v * v;
    }
    x[i] = v;
  }
  return x;
}

export function buildCodes(desc: DataDesc): Int32Array {
  return Int32Array.from(build(desc));
}

/** JSON numbers, with numpy's non-finite values written as strings by the generator. */
export type Num = number | 'nan' | 'inf' | '-inf';

export function num(v: Num): number {
  if (v === 'nan') return Number.NaN;
  if (v === 'inf') return Number.POSITIVE_INFINITY;
  if (v === '-inf') return Number.NEGATIVE_INFINITY;
  return v;
}

export interface NumericCase {
  name: string;
  reference: DataDesc;
  current: DataDesc;
  mode: 'histogram' | 'values';
  edges?: number[];
  nBins?: number;
  labelsHead?: number[];
  referenceCounts: number[];
  currentCounts: number[];
  referenceFilled: number[];
  currentFilled: number[];
  psi: Num;
  kl: Num;
  js: Num;
  hellinger: Num;
}

export interface CategoricalCase {
  name: string;
  reference: DataDesc;
  current: DataDesc;
  nCategories: number;
  k: number;
  referenceCounts: number[];
  currentCounts: number[];
  chiSquare: [Num, Num];
  gTest: [Num, Num];
  lInfinity: Num;
  tvd: Num;
  psi: Num;
  kl: Num;
  js: Num;
  hellinger: Num;
  z?: [Num, Num];
  fisher?: [Num, Num];
  tvdPValue?: number;
}

export interface Fixture {
  numpy: string;
  scipy: string;
  sums: { data: DataDesc; sum: number }[];
  sturges: { name: string; data: DataDesc; edges: number[]; counts?: number[] }[];
  numeric: NumericCase[];
  categorical: CategoricalCase[];
  fisher: { table: [number, number, number, number]; expected: [Num, Num] }[];
  fisherExhaustive: { maxTotal: number; rows: [number, number, number, number, number][] };
  z: { counts: [number, number, number, number]; expected: [Num, Num] }[];
  mmd: {
    name: string;
    reference: DataDesc;
    current: DataDesc;
    statistic: number;
    pValue: number;
    gamma: number;
    referenceSize: number;
    currentSize: number;
  }[];
  rng: {
    seed: number;
    u32: number[];
    below: number[];
    shuffled: number[];
    sample: number[];
    doubles: number[];
    hypergeometric: number[];
  }[];
}

let cached: Fixture | undefined;

export function loadFixture(): Fixture {
  cached ??= JSON.parse(readFileSync(new URL('./binned_categorical.json', import.meta.url), 'utf8')) as Fixture;
  return cached;
}

/** Relative error, absolute when the reference is 0; 0 for matching non-finite values, Infinity otherwise. */
export function relError(got: number, expected: number): number {
  if (!Number.isFinite(expected) || !Number.isFinite(got)) return Object.is(got, expected) ? 0 : Number.POSITIVE_INFINITY;
  if (expected === 0) return Math.abs(got);
  return Math.abs(got - expected) / Math.abs(expected);
}

/** Statistic contract: 1e-9 relative (1e-15 absolute against an exact 0). */
export function statisticOk(got: number, expected: number): boolean {
  return relError(got, expected) <= (expected === 0 ? 1e-15 : 1e-9);
}

/** p-value contract: 1e-6 relative or 1e-12 absolute. */
export function pValueOk(got: number, expected: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(got);
  return relError(got, expected) <= 1e-6 || Math.abs(got - expected) <= 1e-12;
}

/** Worst relative error per function, printed by the test files when DRIFTWATCH_REPORT is set. */
const worst = new Map<string, { err: number; where: string }>();

export function record(fn: string, got: number, expected: number, where: string): void {
  const err = relError(got, expected);
  const cur = worst.get(fn);
  if (cur === undefined || err > cur.err) worst.set(fn, { err, where });
}

export function reportWorst(): void {
  if (!process.env.DRIFTWATCH_REPORT) return;
  for (const [fn, { err, where }] of [...worst].sort()) console.log(`worst ${fn}: ${err.toExponential(3)} (${where})`);
}

/** Shares of every numerical and categorical fixture case, as [name, reference, current, case]. */
export function binnedCases(fill: boolean): [string, Float64Array, Float64Array, NumericCase | CategoricalCase][] {
  const f = loadFixture();
  const out: [string, Float64Array, Float64Array, NumericCase | CategoricalCase][] = [];
  for (const c of f.numeric) {
    const b = binnedShares(build(c.reference), build(c.current), 'numerical', { fill });
    out.push([`numerical ${c.name}`, b.reference, b.current, c]);
  }
  for (const c of f.categorical) {
    const b = binnedShares(buildCodes(c.reference), buildCodes(c.current), 'categorical', { nCategories: c.nCategories, fill });
    out.push([`categorical ${c.name}`, b.reference, b.current, c]);
  }
  return out;
}

/**
 * fast-check: a sample against a reordering of itself gives exactly 0, and reordering either side leaves the
 * value unchanged, for numerical (low- and high-cardinality) and categorical columns.
 */
export function identicalSamplesProperty(metric: (r: Float64Array, c: Float64Array) => number, fill: boolean): void {
  const numeric = fc.array(fc.integer({ min: -40, max: 40 }), { minLength: 1, maxLength: 120 });
  fc.assert(
    fc.property(numeric, numeric, fc.integer({ min: 1, max: 7 }), (r, c, div) => {
      const ref = Float64Array.from(r, (v) => v / div);
      const cur = Float64Array.from(c, (v) => v / div);
      const same = binnedShares(ref, ref.slice().reverse(), 'numerical', { fill });
      expect(metric(same.reference, same.current)).toBe(0);
      const a = binnedShares(ref, cur, 'numerical', { fill });
      const b = binnedShares(ref.slice().sort(), cur.slice().reverse(), 'numerical', { fill });
      expect(Object.is(metric(b.reference, b.current), metric(a.reference, a.current))).toBe(true);
    }),
    { numRuns: 60 },
  );
  const codes = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 120 });
  fc.assert(
    fc.property(codes, codes, (r, c) => {
      const ref = Int32Array.from(r);
      const cur = Int32Array.from(c);
      const same = binnedShares(ref, ref.slice().reverse(), 'categorical', { nCategories: 7, fill });
      expect(metric(same.reference, same.current)).toBe(0);
      const a = binnedShares(ref, cur, 'categorical', { nCategories: 7, fill });
      const b = binnedShares(ref.slice().sort(), cur.slice().reverse(), 'categorical', { nCategories: 7, fill });
      expect(Object.is(metric(b.reference, b.current), metric(a.reference, a.current))).toBe(true);
    }),
    { numRuns: 60 },
  );
}

