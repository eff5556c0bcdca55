import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildCodes,
  loadFixture,
  num,
  pValueOk,
  record,
  reportWorst,
  statisticOk,
} from '../binned/__fixtures__/binnedCategoricalFixture.js';
import { fisherExact, fisherExact2x2 } from './fisherExact.js';

afterAll(reportWorst);
const fixture = loadFixture();

describe('fisherExact2x2 = scipy.stats.fisher_exact (two-sided)', () => {
  it.each(fixture.fisher.map((c) => [c.table.join('/'), c] as const))('table %s', (name, c) => {
    const r = fisherExact2x2(...c.table);
    const [stat, p] = c.expected.map(num);
    record('fisherExact.statistic', r.statistic, stat, name);
    record('fisherExact.pValue', r.pValue, p, name);
    expect(statisticOk(r.statistic, stat)).toBe(true);
    expect(pValueOk(r.pValue, p)).toBe(true);
  });

  it(`every table with at most ${fixture.fisherExhaustive.maxTotal} observations`, () => {
    let worst = 0;
    let where = '';
    for (const [a, b, c, d, p] of fixture.fisherExhaustive.rows) {
      const got = fisherExact2x2(a, b, c, d).pValue;
      const err = Math.abs(got - p) / p;
      if (err > worst) {
        worst = err;
        where = `${a}/${b}/${c}/${d}`;
      }
      record('fisherExact.pValue', got, p, `${a}/${b}/${c}/${d}`);
    }
    expect(worst, where).toBeLessThan(1e-12);
  });

  it('zero margins give (NaN, 1), a zero off-diagonal cell gives Infinity', () => {
    const r = fisherExact2x2(0, 0, 3, 4);
    expect(r.statistic).toBeNaN();
    expect(r.pValue).toBe(1);
    expect(fisherExact2x2(3, 0, 0, 4).statistic).toBe(Number.POSITIVE_INFINITY);
  });

  it('p-value is invariant under the table symmetries (up to summation order)', () => {
    const cell = fc.integer({ min: 0, max: 60 });
    fc.assert(
      fc.property(cell, cell, cell, cell, (a, b, c, d) => {
        const p = fisherExact2x2(a, b, c, d).pValue;
        for (const t of [
          [c, d, a, b],
          [b, a, d, c],
          [a, c, b, d],
        ] as const) {
          expect(Math.abs(fisherExact2x2(...t).pValue - p)).toBeLessThanOrEqual(1e-12 * p);
        }
      }),
    );
  });
});

describe('fisherExact on binary codes', () => {
  it.each(fixture.categorical.filter((c) => c.fisher).map((c) => [c.name, c] as const))('%s', (name, c) => {
    const r = fisherExact(buildCodes(c.reference), buildCodes(c.current));
    const [stat, p] = (c.fisher ?? []).map(num);
    record('fisherExact.statistic', r.statistic, stat, name);
    record('fisherExact.pValue', r.pValue, p, name);
    expect(statisticOk(r.statistic, stat)).toBe(true);
    expect(pValueOk(r.pValue, p)).toBe(true);
  });

  it('more than two codes or an empty side give NaN', () => {
    expect(fisherExact(Int32Array.from([0, 1, 2]), Int32Array.from([0])).pValue).toBeNaN();
    expect(fisherExact(new Int32Array(0), Int32Array.from([0])).pValue).toBeNaN();
    expect(fisherExact(Int32Array.from([4, 4]), Int32Array.from([4])).pValue).toBe(1);
  });
});
