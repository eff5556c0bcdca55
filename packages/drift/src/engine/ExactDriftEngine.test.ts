import type { CategoricalColumn, Column, ColumnDrift, DriftOptions, Frame, NumericColumn } from '@driftwatch/core';
import { ColumnSelectionError, scaledNumericColumn, UsageError } from '@driftwatch/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startDriftMethod } from '../methods/runDriftMethod.js';
import { smirnovParallel } from '../special/kolmogorov.js';
import { dropBlockWorker, warmBlockWorker } from '../special/smirnovBlocks.js';
import { referenceSample } from '../testing/referenceSample.js';
import { ks2samp } from '../univariate/ks2samp.js';
import { ExactDriftEngine } from './ExactDriftEngine.js';
import { prepareCategorical } from './prepareColumn.js';

const numeric = (name: string, values: ArrayLike<number>): NumericColumn => ({
  kind: 'numeric',
  name,
  values: Float64Array.from(values),
  invalid: 0,
});
const categorical = (name: string, labels: (string | null)[]): CategoricalColumn => {
  const dictionary: string[] = [];
  const codes = Int32Array.from(labels, (l) => {
    if (l === null) return -1;
    let c = dictionary.indexOf(l);
    if (c < 0) c = dictionary.push(l) - 1;
    return c;
  });
  return { kind: 'categorical', name, codes, dictionary, invalid: 0 };
};
const frame = (source: string, ...columns: Column[]): Frame => ({
  source,
  columns,
  rowCount: columns[0].kind === 'numeric' ? columns[0].values.length : (columns[0] as CategoricalColumn).codes.length,
});

const engine = new ExactDriftEngine();

describe('ExactDriftEngine', () => {
  it('picks Evidently defaults with defaults: evidently and reports the dataset share', () => {
    const ref = frame(
      'ref.csv',
      numeric('x', referenceSample({ seed: 1, n: 500 })),
      categorical(
        'c',
        Array.from({ length: 500 }, (_, i) => 'abc'[i % 3]),
      ),
    );
    const cur = frame(
      'cur.csv',
      numeric('x', referenceSample({ seed: 2, n: 400, loc: 1 })),
      categorical(
        'c',
        Array.from({ length: 400 }, (_, i) => 'abc'[i % 3]),
      ),
    );
    const report = engine.compare(ref, cur, { defaults: 'evidently' });
    expect(report.schemaVersion).toBe(1);
    const [x, c] = report.columns;
    expect(x.method).toBe('ks');
    expect(x.measure).toBe('p_value');
    const expected = ks2samp(referenceSample({ seed: 1, n: 500 }), referenceSample({ seed: 2, n: 400, loc: 1 }));
    expect(x.statistic).toBe(expected.statistic);
    expect(x.pValue).toBe(expected.pValue);
    expect(x.drifted).toBe(true);
    expect(c.method).toBe('chisquare');
    expect(c.drifted).toBe(false);
    expect(report.dataset).toMatchObject({
      drifted: true,
      driftedColumns: 1,
      testedColumns: 2,
      share: 0.5,
      datasetShare: 0.5,
      defaults: 'evidently',
    });
    // Calibrated (the default): the two-sample test for the categorical column, the rest unchanged.
    const calibrated = engine.compare(ref, cur);
    expect(calibrated.dataset.defaults).toBe('calibrated');
    expect(calibrated.columns.map((col) => col.method)).toEqual(['ks', 'chi2_contingency']);
    expect(calibrated.columns[0]).toEqual({ ...x });
  });

  it('uses a named method and threshold, per column or for all', () => {
    const ref = frame('r', numeric('a', referenceSample({ seed: 3, n: 2000 })), numeric('b', referenceSample({ seed: 4, n: 2000 })));
    const cur = frame(
      'c',
      numeric('a', referenceSample({ seed: 5, n: 2000, loc: 0.2 })),
      numeric('b', referenceSample({ seed: 6, n: 2000 })),
    );
    const report = engine.compare(ref, cur, { methods: { '*': 'psi', b: 't_test' }, thresholds: { a: 0.5 } });
    expect(report.columns.map((c) => [c.method, c.threshold])).toEqual([
      ['psi', 0.5],
      ['t_test', 0.05],
    ]);
    expect(report.columns[0].pValue).toBeNull();
  });

  it('reports degenerate columns as skipped results with constantColumns: skip, never as drift', () => {
    const ref = frame(
      'r',
      numeric('constant', [1, 1, 1, 1]),
      numeric('empty', [Number.NaN, Number.NaN, Number.NaN, Number.NaN]),
      categorical('single', ['a', 'a', 'a', null]),
      numeric('tiny', [1, 2, 3, 4]),
    );
    const cur = frame(
      'c',
      numeric('constant', [1, 1, 1]),
      numeric('empty', [1, 2, 3]),
      categorical('single', ['a', 'a', 'a']),
      numeric('tiny', [5, 6, 7]),
    );
    const report = engine.compare(ref, cur, { methods: { tiny: 'epps_singleton' }, constantColumns: 'skip' });
    expect(report.columns.map((c) => [c.column, c.drifted, c.statistic, c.skipped])).toEqual([
      ['constant', false, null, 'constant column (one value on both sides)'],
      ['empty', false, null, 'no values in the reference'],
      ['single', false, null, 'single category on both sides'],
      ['tiny', false, null, 'epps_singleton needs at least 5 values on each side (reference 4, current 3)'],
    ]);
    expect(report.columns[1].reference).toEqual({ rows: 4, missing: 4, invalid: 0, infinite: 0 });
    expect(report.dataset).toMatchObject({ testedColumns: 0, drifted: false, share: 0 });
  });

  it('counts a constant column and a single category as tested without drift by default (p = 1), as Evidently', () => {
    // Digits-like: 3 constant pixels among 8 columns; Evidently divides by all 8 (46/65 on digits), skip by 5.
    const n = 300;
    const drifting = (seed: number, loc: number) => referenceSample({ seed, n, loc });
    const cols = (seed: number, loc: number) => [
      numeric('a', drifting(seed, loc)),
      numeric('b', drifting(seed + 1, loc)),
      numeric('c', drifting(seed + 2, loc)),
      numeric('d', drifting(seed + 3, 0)),
      numeric('e', drifting(seed + 4, 0)),
      numeric('zero1', new Float64Array(n)),
      numeric('zero2', new Float64Array(n)),
      categorical(
        'one',
        Array.from({ length: n }, () => 'x'),
      ),
    ];
    const ref = frame('r', ...cols(10, 0));
    const cur = frame('c', ...cols(20, 1));
    const counted = engine.compare(ref, cur);
    expect(counted.columns.slice(5).map((c) => [c.column, c.method, c.statistic, c.pValue, c.drifted, c.skipped])).toEqual([
      // Integer columns of one value: categories by Evidently's rule, z for at most two.
      ['zero1', 'z', 0, 1, false, undefined],
      ['zero2', 'z', 0, 1, false, undefined],
      ['one', 'z', 0, 1, false, undefined],
    ]);
    expect(counted.dataset).toMatchObject({ driftedColumns: 3, testedColumns: 8, share: 3 / 8, drifted: false });
    const skipped = engine.compare(ref, cur, { constantColumns: 'skip' });
    expect(skipped.dataset).toMatchObject({ driftedColumns: 3, testedColumns: 5, share: 3 / 5, drifted: true });
    expect(skipped.columns[5].skipped).toBe('constant column (one value on both sides)');
    // A distance counts as 0.
    const [d] = engine.compare(frame('r', numeric('k', [2, 2, 2])), frame('c', numeric('k', [2, 2])), {
      methods: { k: 'wasserstein' },
    }).columns;
    expect([d.statistic, d.pValue, d.drifted, d.skipped]).toEqual([0, null, false, undefined]);
  });

  it("tests an integer column with at most 10 distinct reference values as categories (Evidently's rule), unless a method is named", () => {
    // 1500 rows: numeric columns get wasserstein, categories jensenshannon (n > 1000).
    const n = 1500;
    const ints = (k: number, shift: number) => Array.from({ length: n }, (_, i) => ((i * 7 + shift) % k) + 1);
    const ref = frame(
      'r',
      numeric('ten', ints(10, 0)),
      numeric('eleven', ints(11, 0)),
      numeric(
        'halves',
        ints(10, 0).map((v) => v / 2),
      ),
    );
    const cur = frame(
      'c',
      numeric('ten', ints(10, 3)),
      numeric('eleven', ints(11, 3)),
      numeric(
        'halves',
        ints(10, 3).map((v) => v / 2),
      ),
    );
    for (const defaults of ['calibrated', 'evidently'] as const) {
      const report = engine.compare(ref, cur, { defaults });
      expect(report.columns.map((c) => [c.column, c.kind, c.testedAs, c.method])).toEqual([
        ['ten', 'numeric', 'categorical', 'jensenshannon'],
        ['eleven', 'numeric', undefined, 'wasserstein'],
        ['halves', 'numeric', undefined, 'wasserstein'],
      ]);
    }
    // Small samples: Evidently's chisquare over the values, not ks.
    const small = (k: number, shift: number) =>
      frame(
        's',
        numeric(
          'six',
          Array.from({ length: 200 }, (_, i) => ((i + shift) % k) + 1),
        ),
      );
    const [six] = engine.compare(small(6, 0), small(6, 1), { defaults: 'evidently' }).columns;
    expect([six.testedAs, six.method]).toEqual(['categorical', 'chisquare']);
    // A missing value makes pandas read floats: numeric, as Evidently.
    const gap = frame('g', numeric('six', [...Array.from({ length: 199 }, (_, i) => (i % 6) + 1), Number.NaN]));
    expect(engine.compare(gap, small(6, 1), { defaults: 'evidently' }).columns[0].method).toBe('ks');
    // A named method, or the rule turned off, keeps the column numeric.
    const [named] = engine.compare(ref, cur, { methods: { ten: 'ks' } }).columns;
    expect([named.method, 'testedAs' in named]).toEqual(['ks', false]);
    expect(engine.compare(ref, cur, { integerCategories: 0 }).columns[0]).toMatchObject({ method: 'wasserstein' });
    // A numeric method named for all columns skips it, as it skips categorical columns.
    expect(engine.compare(ref, cur, { methods: { '*': 'ks' } }).columns.map((c) => c.method)).toEqual(['jensenshannon', 'ks', 'ks']);
    // psi named for all reads it category by category.
    const [psi] = engine.compare(ref, cur, { methods: { '*': 'psi' } }).columns;
    expect([psi.method, psi.testedAs]).toEqual(['psi', 'categorical']);
  });

  it('counts infinite values as missing and leaves them out of the test', () => {
    const ref = frame('r', numeric('x', [1, 2, 3, Number.POSITIVE_INFINITY, 4, 5, 6, 7]));
    const cur = frame('c', numeric('x', [1, 2, 3, 4, 5, 6, Number.NEGATIVE_INFINITY]));
    const [x] = engine.compare(ref, cur, { methods: { x: 'ks' } }).columns;
    expect(x.reference).toEqual({ rows: 8, missing: 1, invalid: 0, infinite: 1 });
    expect(x.statistic).toBe(ks2samp(Float64Array.of(1, 2, 3, 4, 5, 6, 7), Float64Array.of(1, 2, 3, 4, 5, 6)).statistic);
  });

  it('gives an infinite chi-squared statistic and p = 0 for a category unseen in the reference', () => {
    const ref = frame('r', categorical('c', ['a', 'b', 'a', 'b', 'a', 'b']));
    const cur = frame('c', categorical('c', ['a', 'b', 'z', 'a']));
    const [c] = engine.compare(ref, cur, { methods: { c: 'chisquare' } }).columns;
    expect(c.statistic).toBe(Number.POSITIVE_INFINITY);
    expect(c.pValue).toBe(0);
    expect(c.drifted).toBe(true);
  });

  it('applies Bonferroni to p-value columns only', () => {
    const cols = (seed: number, loc: number) => [
      numeric('a', referenceSample({ seed, n: 300, loc })),
      numeric('b', referenceSample({ seed: seed + 10, n: 300 })),
      numeric('d', referenceSample({ seed: seed + 20, n: 300 })),
    ];
    const report = engine.compare(frame('r', ...cols(1, 0)), frame('c', ...cols(2, 0.3)), {
      methods: { a: 'ks', b: 'ks', d: 'wasserstein' },
      correction: 'bonferroni',
    });
    expect(report.columns.map((c) => c.threshold)).toEqual([0.025, 0.025, 0.1]);
    expect(report.dataset.correction).toBe('bonferroni');
  });

  it('names missing and extra columns when the two sides differ', () => {
    const ref = frame('ref.csv', numeric('a', [1]), numeric('b', [1]));
    const cur = frame('cur.csv', numeric('a', [1]), numeric('z', [1]));
    const error = (() => {
      try {
        engine.compare(ref, cur);
      } catch (e) {
        return e as ColumnSelectionError;
      }
    })();
    expect(error).toBeInstanceOf(ColumnSelectionError);
    expect(error?.code).toBe('INPUT_COLUMNS_MISMATCH');
    expect(error?.problem).toEqual({ kind: 'mismatch', reference: 'ref.csv', current: 'cur.csv', missing: ['b'], extra: ['z'] });
    // Each caller words the options its own way; the engine names none of them.
    expect(error?.wordedFor((o) => `--${o}`)).toBe(
      'ref.csv and cur.csv have different columns (missing from current: b; not in reference: z); compare the shared ones with --columns or leave the others out with --ignore',
    );
    expect(error?.message).not.toMatch(/--/);
  });

  it('rejects unknown methods, columns, and numeric methods on categorical columns', () => {
    const ref = frame('r', categorical('c', ['a', 'b']));
    const cur = frame('c', categorical('c', ['a', 'b']));
    expect(() => engine.compare(ref, cur, { methods: { c: 'kss' } })).toThrow(/unknown method "kss" for column "c" \(known: ks, t_test/);
    expect(() => engine.compare(ref, cur, { methods: { c: 'ks' } })).toThrow(UsageError);
    expect(() => engine.compare(ref, cur, { methods: { c: 'ks' } })).toThrow(/needs a numeric column, but "c" is categorical/);
    expect(() => engine.compare(ref, cur, { columns: ['nope'] })).toThrow('option "columns" names unknown column "nope" (columns: c)');
    expect(() => engine.compare(ref, cur, { thresholds: { nope: 0.1 } })).toThrow(
      expect.objectContaining({ code: 'USAGE', problem: { kind: 'unknown', option: 'thresholds', columns: ['nope'], known: ['c'] } }),
    );
  });

  it('applies a method named for all columns where it fits, and the default method and threshold elsewhere', () => {
    const ref = frame(
      'r',
      numeric('x', referenceSample({ seed: 1, n: 50 })),
      categorical(
        'c',
        Array.from({ length: 50 }, (_, i) => 'ab'[i % 2]),
      ),
    );
    const cur = frame(
      'c',
      numeric('x', referenceSample({ seed: 2, n: 50 })),
      categorical(
        'c',
        Array.from({ length: 50 }, (_, i) => 'ab'[i % 2]),
      ),
    );
    const report = engine.compare(ref, cur, { methods: { '*': 'ks' }, thresholds: { '*': 0.01 } });
    expect(report.columns.map((c) => [c.column, c.method, c.threshold])).toEqual([
      ['x', 'ks', 0.01],
      ['c', 'z', 0.05],
    ]);
  });

  it('tests numeric columns with few values with categorical methods, value by value', () => {
    const ref = frame(
      'r',
      numeric(
        'x',
        Array.from({ length: 200 }, (_, i) => i % 4),
      ),
    );
    const cur = frame(
      'c',
      numeric(
        'x',
        Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? 0 : i % 4)),
      ),
    );
    const [x] = engine.compare(ref, cur).columns;
    expect(x.method).toBe('chi2_contingency');
    expect(x.statistic).toBeGreaterThan(0);
    expect(engine.compare(ref, cur, { defaults: 'evidently' }).columns[0].method).toBe('chisquare');
  });

  it('calibrated: a permutation KS for tied numeric data, categorical tests up to 20 values, permutation ones for sparse tables', () => {
    const ints = (seed: number, n: number) => Array.from(referenceSample({ seed, n, dist: 'uniform', scale: 40 }), Math.floor);
    const few = (seed: number, n: number) => Array.from(referenceSample({ seed, n, dist: 'uniform', scale: 12 }), Math.floor);
    const continuous = (seed: number, n: number) => referenceSample({ seed, n });
    const labels = (seed: number, n: number, k: number) =>
      Array.from(referenceSample({ seed, n, dist: 'uniform', scale: k }), (v) => `c${Math.floor(v)}`);
    const ref = frame(
      'r',
      numeric('counts', ints(1, 300)),
      numeric('x', continuous(2, 300)),
      categorical('many', labels(3, 40, 20)),
      numeric('twelve', few(7, 300)),
      numeric('twelveSparse', few(8, 30)),
    );
    const cur = frame(
      'c',
      numeric('counts', ints(4, 200)),
      numeric('x', continuous(5, 200)),
      categorical('many', labels(6, 40, 20)),
      numeric('twelve', few(9, 200)),
      numeric('twelveSparse', few(10, 30)),
    );
    expect(engine.compare(ref, cur).columns.map((c) => c.method)).toEqual([
      'ks_permutation',
      'ks',
      'chi2_permutation',
      'chi2_contingency',
      'chi2_permutation',
    ]);
    // twelveSparse's 30 reference rows hold at most 10 of the 12 values: integers Evidently reads as categories.
    expect(engine.compare(ref, cur, { defaults: 'evidently' }).columns.map((c) => c.method)).toEqual([
      'ks',
      'ks',
      'chisquare',
      'ks',
      'chisquare',
    ]);
  });
});

const close = (a: number | null, b: number | null) =>
  a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)));
const methodsForNumbers = [
  'ks',
  'wasserstein',
  'ed',
  'jensenshannon',
  'psi',
  'hellinger',
  't_test',
  'mannw',
  'cramer_von_mises',
  'anderson',
];
const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), { minLength: 6, maxLength: 60 });

describe('ExactDriftEngine properties', () => {
  it('identical samples never drift, whatever the method', () => {
    fc.assert(
      fc.property(sample, fc.constantFrom(...methodsForNumbers), (values, method) => {
        const report = engine.compare(frame('r', numeric('x', values)), frame('c', numeric('x', values)), { methods: { x: method } });
        expect(report.columns[0].drifted).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  // Values on a 1/8 grid keep every sum exact, so only the positive-term sums of squares can
  // round differently in another order; arbitrary doubles a few ulps apart would fail any
  // fixed tolerance through cancellation (t_test's variance), in numpy just the same.
  const grid = fc.array(
    fc.integer({ min: -8_000_000, max: 8_000_000 }).map((v) => v / 8),
    { minLength: 6, maxLength: 60 },
  );
  it('row order changes nothing', () => {
    fc.assert(
      fc.property(grid, grid, fc.constantFrom(...methodsForNumbers), (a, b, method) => {
        const shuffled = [...b].reverse();
        const one = engine.compare(frame('r', numeric('x', a)), frame('c', numeric('x', b)), { methods: { x: method } }).columns[0];
        const two = engine.compare(frame('r', numeric('x', a)), frame('c', numeric('x', shuffled)), { methods: { x: method } }).columns[0];
        // Sums (t_test means, distances) may round differently in another order, as numpy's do.
        expect(close(two.statistic, one.statistic)).toBe(true);
        expect(close(two.pValue, one.pValue)).toBe(true);
        expect(two.drifted === one.drifted || Math.abs((one.pValue ?? one.statistic ?? 0) - one.threshold) < 1e-9).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  // jensenshannon bins by the reference's distinct count (Evidently's rule), so both sides get
  // more than 20 distinct values here and bin alike (SameValueZero: 0 and -0 are one value, as
  // for the distinct count); wasserstein divides by the reference's standard deviation, so its
  // raw distance is checked in wassersteinDistance.test.ts.
  const wide = fc.uniqueArray(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), {
    minLength: 21,
    maxLength: 60,
    comparator: 'SameValueZero',
  });
  it('ks, ed and jensenshannon are symmetric in their samples', () => {
    fc.assert(
      fc.property(wide, wide, fc.constantFrom('ks', 'ed', 'jensenshannon'), (a, b, method) => {
        const ab = engine.compare(frame('r', numeric('x', a)), frame('c', numeric('x', b)), { methods: { x: method } }).columns[0];
        const ba = engine.compare(frame('r', numeric('x', b)), frame('c', numeric('x', a)), { methods: { x: method } }).columns[0];
        if (ab.skipped !== undefined) return;
        expect(close(ba.statistic, ab.statistic)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('ExactDriftEngine: sorting with reorderRows', () => {
  it('wants sorted values for every method but those that read any order (ks)', () => {
    expect(engine.wantsSorted('ks')).toBe(false);
    expect(engine.wantsSorted('wasserstein')).toBe(true);
    expect(engine.wantsSorted('no_such_method')).toBe(true);
  });

  it('sorts a column in place for wasserstein and leaves a ks column in file order, with the same results', () => {
    // (Wasserstein's normalising std sums the reference in another order when sorted: the last bit may differ.)
    const make = () => {
      const x = referenceSample({ seed: 7, n: 40_000 });
      const y = referenceSample({ seed: 8, n: 40_000 });
      return {
        ref: frame('ref.csv', numeric('k', x), numeric('w', x)),
        cur: frame(
          'cur.csv',
          numeric(
            'k',
            y.map((v) => v + 0.01),
          ),
          numeric('w', y),
        ),
      };
    };
    const options = { methods: { k: 'ks', w: 'wasserstein' } };
    const plain = make();
    const expected = engine.compare(plain.ref, plain.cur, options);
    const reordered = make();
    const fileOrder = (reordered.ref.columns[0] as NumericColumn).values.slice();
    const report = engine.compare(reordered.ref, reordered.cur, { ...options, reorderRows: true });
    expect(report.columns[0]).toEqual(expected.columns[0]);
    expect(report.columns[1]?.statistic).toBeCloseTo(expected.columns[1]?.statistic as number, 14);
    const values = (f: Frame, i: number) => (f.columns[i] as NumericColumn).values;
    expect(values(reordered.ref, 0)).toEqual(fileOrder);
    const w = values(reordered.ref, 1);
    expect(w.every((v, i) => i === 0 || w[i - 1] <= v)).toBe(true);
    expect(report.columns[0]?.statistic).toBeGreaterThan(0);
  });
});

describe('ExactDriftEngine: p-values shared with a worker thread', () => {
  // The compiled worker (tests run from source; `pnpm build` compiles it).
  const builtWorker = new URL('../../dist/special/smirnovWorker.js', import.meta.url);
  // 20 000 rows a side: ks's asymptotic p-value, kstwo.sf at n = 10 000, a Smirnov sum where n·D² is 2.2–370.
  const shifted = (seed: number, shift: number) => referenceSample({ seed, n: 20_000 }).map((v) => v + shift);
  const frames = () => ({
    ref: frame('ref.csv', numeric('a', shifted(11, 0)), numeric('b', shifted(12, 0)), numeric('c', shifted(13, 0))),
    cur: frame('cur.csv', numeric('a', shifted(21, 0.05)), numeric('b', shifted(22, 0.06)), numeric('c', shifted(23, 0.04))),
  });

  it('starts every column before finishing one: the same report as on one thread', () => {
    const defaults = { ...smirnovParallel };
    try {
      Object.assign(smirnovParallel, { minTerms: 0, workerUrl: builtWorker });
      const alone = frames();
      const expected = engine.compare(alone.ref, alone.cur, { methods: { '*': 'ks' }, threads: 1 });
      const shared = frames();
      const report = engine.compare(shared.ref, shared.cur, { methods: { '*': 'ks' } });
      expect(report.columns).toEqual(expected.columns);
      // The sums went through the worker, and none is left with it.
      expect(warmBlockWorker(builtWorker)?.jobs.size).toBe(0);
      // Each column's D is where kstwo.sf sums Smirnov's series (n = 10 000).
      for (const c of report.columns) {
        const nD2 = 10_000 * (c.statistic as number) ** 2;
        expect(nD2).toBeGreaterThanOrEqual(2.2);
        expect(nD2).toBeLessThan(370);
      }
    } finally {
      Object.assign(smirnovParallel, defaults);
      dropBlockWorker();
    }
  });

  it('joins the sums it started when a later column fails', () => {
    const defaults = { ...smirnovParallel };
    try {
      Object.assign(smirnovParallel, { minTerms: 0, workerUrl: builtWorker });
      const { ref, cur } = frames();
      expect(() => engine.compare(ref, cur, { methods: { a: 'ks', b: 'ks', c: 'no_such_method' } })).toThrow(UsageError);
      expect(warmBlockWorker(builtWorker)?.jobs.size).toBe(0);
    } finally {
      Object.assign(smirnovParallel, defaults);
      dropBlockWorker();
    }
  });
});

describe('ExactDriftEngine on scaled columns', () => {
  /** `n` decimals of `scale` digits after the point, as integers and as the doubles a reader parses. */
  const decimals = (seed: number, n: number, scale: number, shift: number) => {
    let s = seed;
    const ints = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1103515245) + 12345) | 0;
      ints[i] = Math.round((((s >>> 8) % 200_000) - 100_000 + shift) * (scale === 0 ? 0.001 : 10 ** (scale - 3)));
    }
    return {
      ints,
      values: Float64Array.from(ints, (k) =>
        Number(
          `${k < 0 ? '-' : ''}${String(Math.abs(k))
            .padStart(scale + 1, '0')
            .replace(new RegExp(`(\\d{${scale}})$`), '.$1')}`,
        ),
      ),
    };
  };
  const sides = (seed: number, shift: number, rows: number) =>
    [
      ['a', 3],
      ['b', 6],
      ['c', 0],
      ['d', 2],
    ].map(([name, scale]) => ({
      name: name as string,
      scale: scale as number,
      ...decimals(seed + (scale as number), rows, scale as number, shift),
    }));

  // 20 000 rows a side: ks counts the integers themselves (ks2sampScaledDeferred); 3 000: it decodes them.
  it.each([3000, 20_000])('gives the report of the same columns read as doubles, and leaves them scaled (%i rows)', (rows) => {
    const refCols = sides(1, 0, rows);
    const curCols = sides(2, 9000, rows);
    const asScaled = (cols: typeof refCols) =>
      cols.map((c) =>
        scaledNumericColumn({ kind: 'numeric', name: c.name, invalid: 0, finite: true }, { ints: c.ints.slice(), scale: c.scale }),
      );
    const asDoubles = (cols: typeof refCols) => cols.map((c) => numeric(c.name, c.values));
    const optionSets: DriftOptions[] = [
      {},
      { methods: { '*': 'ks' } },
      { methods: { '*': 'wasserstein' } },
      { methods: { a: 'psi', b: 'anderson', c: 'ks' } },
    ];
    for (const options of optionSets) {
      const scaledRef = asScaled(refCols);
      const scaledCur = asScaled(curCols);
      // Not `frame()`, which reads the first column's values for the row count.
      const fromScaled = engine.compare(
        { source: 'r', columns: scaledRef, rowCount: rows },
        { source: 'c', columns: scaledCur, rowCount: rows },
        { ...options, reorderRows: true },
      );
      const fromDoubles = engine.compare(frame('r', ...asDoubles(refCols)), frame('c', ...asDoubles(curCols)), {
        ...options,
        reorderRows: true,
      });
      expect({ ...fromScaled, generatedAt: '' }).toEqual({ ...fromDoubles, generatedAt: '' });
      // Decoded for each test into the engine's own arrays, never kept by the columns.
      for (const c of [...scaledRef, ...scaledCur]) expect(c.scaled).toBeDefined();
    }
  });

  it('reads few integers as categories from the integers, as from the doubles', () => {
    // Scale 0; scale 2 whose values are all whole ("3.00"); scale 1 whole but for one value ("4.5").
    const few = (seed: number, n: number, scale: number, odd: boolean) => {
      let s = seed;
      const unit = 10 ** scale;
      const ints = Int32Array.from({ length: n }, () => {
        s = (Math.imul(s, 1103515245) + 12345) | 0;
        return ((s >>> 16) % 6) * unit;
      });
      if (odd) ints[n - 1] = 45;
      return { ints, scale, values: Float64Array.from(ints, (k) => k / unit) };
    };
    const columns = (seed: number) => [
      { name: 'e', ...few(seed, 2000, 0, false) },
      { name: 'f', ...few(seed + 1, 2000, 2, false) },
      { name: 'g', ...few(seed + 2, 2000, 1, true) },
    ];
    const ref = columns(1);
    const cur = columns(7);
    const scaled = (cols: typeof ref) =>
      cols.map((c) => scaledNumericColumn({ kind: 'numeric', name: c.name, invalid: 0, finite: true }, { ints: c.ints, scale: c.scale }));
    const fromScaled = engine.compare(
      { source: 'r', columns: scaled(ref), rowCount: 2000 },
      { source: 'c', columns: scaled(cur), rowCount: 2000 },
    );
    const fromDoubles = engine.compare(
      frame('r', ...ref.map((c) => numeric(c.name, c.values))),
      frame('c', ...cur.map((c) => numeric(c.name, c.values))),
    );
    expect({ ...fromScaled, generatedAt: '' }).toEqual({ ...fromDoubles, generatedAt: '' });
    expect(fromScaled.columns.map((c) => (c as ColumnDrift).testedAs ?? 'numeric')).toEqual(['categorical', 'categorical', 'numeric']);
  });

  it('re-encodes categorical columns in one working array a side: each column as when compared alone', () => {
    const labels = ['a', 'b', 'c', 'd', 'e'];
    const pick = (seed: number, n: number, shift: number) => {
      let s = seed;
      return Array.from({ length: n }, (_, i) => {
        s = (Math.imul(s, 1103515245) + 12345) | 0;
        // Missing values and a first-seen order unlike the reference's: the current side needs new codes.
        return i % 97 === 0 ? null : (labels[(((s >>> 16) % 5) + shift) % 5] as string);
      });
    };
    const refCols = ['p', 'q', 'r'].map((name, k) => categorical(name, pick(k + 1, 4000, 0)));
    const curCols = ['p', 'q', 'r'].map((name, k) => categorical(name, pick(k + 11, 3000, k + 1)));
    for (const options of [{}, { methods: { '*': 'chisquare' } }] as DriftOptions[]) {
      const together = engine.compare(frame('r', ...refCols), frame('c', ...curCols), { ...options, reorderRows: true });
      refCols.forEach((ref, k) => {
        // The column on its own, re-encoded into new arrays.
        const p = prepareCategorical(ref, curCols[k] as CategoricalColumn);
        const tested = together.columns[k] as ColumnDrift;
        const alone = startDriftMethod(tested.method, p.reference, p.current)();
        expect([tested.statistic, tested.pValue]).toEqual([alone.statistic, alone.pValue]);
      });
    }
  });
});
