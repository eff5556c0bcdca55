import { describe, expect, it } from 'vitest';
import { scoringFixture } from './__fixtures__/fixture.js';
import { rougeL } from './rougeL.js';
import { rougeTokenize } from './rougeTokenize.js';

const { cases } = scoringFixture;
const label = (i: number) => `case ${i}: ${JSON.stringify(cases[i]?.hypothesis).slice(0, 50)}`;

describe("ROUGE-L equals rouge-score's rougeL (no stemming)", () => {
  it('tokenizes as rouge-score: ASCII letters and digits only, lower-cased', () => {
    for (const [i, c] of cases.entries()) expect(rougeTokenize(c.hypothesis), label(i)).toEqual(c.rougeTokens);
    expect(rougeTokenize('Résumé 東京 OK-42')).toEqual(['r', 'sum', 'ok', '42']);
  });

  it('precision, recall and F-measure match on every case (best F over references)', () => {
    for (const [i, c] of cases.entries()) {
      const got = rougeL(c.hypothesis, c.references);
      expect(got.precision, label(i)).toBeCloseTo(c.rougeL.precision, 14);
      expect(got.recall, label(i)).toBeCloseTo(c.rougeL.recall, 14);
      expect(got.fmeasure, label(i)).toBeCloseTo(c.rougeL.fmeasure, 14);
    }
    expect(cases.filter((c) => c.rougeL.fmeasure > 0 && c.rougeL.fmeasure < 1).length).toBeGreaterThan(80);
  });

  it('is the LCS ratio on a hand-checked pair', () => {
    // LCS of "the cat sat on the mat" and "the cat on a mat" is "the cat on mat" (4): P = 4/5, R = 4/6.
    const s = rougeL('the cat on a mat', ['the cat sat on the mat']);
    expect(s.precision).toBe(0.8);
    expect(s.recall).toBeCloseTo(4 / 6, 15);
    expect(s.fmeasure).toBeCloseTo((2 * 0.8 * (4 / 6)) / (0.8 + 4 / 6), 15);
  });
});
