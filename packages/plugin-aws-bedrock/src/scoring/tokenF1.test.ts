import { describe, expect, it } from 'vitest';
import { scoringFixture } from './__fixtures__/fixture.js';
import { exactMatch } from './exactMatch.js';
import { normalizedMatch } from './normalizedMatch.js';
import { squadNormalize } from './squadNormalize.js';
import { tokenF1 } from './tokenF1.js';

const { cases } = scoringFixture;
const label = (i: number) => `case ${i}: ${JSON.stringify(cases[i]?.hypothesis).slice(0, 50)}`;

describe("token F1 and normalised match equal SQuAD v1.1's evaluation script", () => {
  it('normalises as normalize_answer (unicode-aware article boundaries, Python whitespace)', () => {
    for (const [i, c] of cases.entries()) expect(squadNormalize(c.hypothesis), label(i)).toBe(c.squadNormalized);
  });

  it('token F1 is the maximum over references on every case', () => {
    let partial = 0;
    for (const [i, c] of cases.entries()) {
      expect(tokenF1(c.hypothesis, c.references), label(i)).toBeCloseTo(c.tokenF1, 14);
      if (c.tokenF1 > 0 && c.tokenF1 < 1) partial++;
    }
    expect(partial).toBeGreaterThan(80);
  });

  it('normalised match is exact_match_score on every case', () => {
    for (const [i, c] of cases.entries()) expect(normalizedMatch(c.hypothesis, c.references), label(i)).toBe(c.exactMatch);
    expect(cases.filter((c) => c.exactMatch === 1).length).toBeGreaterThan(3);
  });

  it('scores two empty answers 0 as v1.1 does, and 0 without references', () => {
    expect(tokenF1('', [''])).toBe(0);
    expect(tokenF1('anything', [])).toBe(0);
  });

  it('exact match compares characters, unlike the normalised match', () => {
    expect(exactMatch('Paris', ['paris', 'Paris'])).toBe(1);
    expect(exactMatch('Paris.', ['Paris'])).toBe(0);
    expect(normalizedMatch('Paris.', ['the paris'])).toBe(1);
  });
});
