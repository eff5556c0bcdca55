import { describe, expect, it } from 'vitest';
import { scoringFixture } from './__fixtures__/fixture.js';
import { corpusBleu } from './corpusBleu.js';
import { sentenceBleu } from './sentenceBleu.js';
import { tokenize13a } from './tokenize13a.js';

const { cases, corpora } = scoringFixture;
const label = (i: number) => `case ${i}: ${JSON.stringify(cases[i]?.hypothesis).slice(0, 50)}`;

describe(`BLEU equals sacrebleu ${scoringFixture.sacrebleu}`, () => {
  it('has edge and generated cases, with scores spread over the range', () => {
    expect(cases.length).toBe(150);
    expect(cases.filter((c) => c.sentenceBleu === 0).length).toBeGreaterThan(3);
    expect(cases.filter((c) => c.sentenceBleu > 0 && c.sentenceBleu < 100).length).toBeGreaterThan(80);
  });

  it('tokenizes as sacrebleu 13a', () => {
    for (const [i, c] of cases.entries()) expect(tokenize13a(c.hypothesis.trimEnd()), label(i)).toBe(c.tokens13a);
  });

  it('sentence BLEU (exp smoothing, effective order) matches on every case', () => {
    for (const [i, c] of cases.entries()) {
      const got = sentenceBleu(c.hypothesis, c.references);
      expect(Math.abs(got - c.sentenceBleu), `${label(i)}: ${got} vs ${c.sentenceBleu}`).toBeLessThan(1e-9);
    }
  });

  it('corpus BLEU (exp smoothing, no effective order) matches on each 15-segment corpus', () => {
    expect(corpora.length).toBe(10);
    for (const corpus of corpora) {
      const chunk = cases.slice(corpus.start, corpus.start + corpus.count);
      const got = corpusBleu(
        chunk.map((c) => c.hypothesis),
        chunk.map((c) => c.references),
      );
      expect(Math.abs(got - corpus.corpusBleu), `corpus at ${corpus.start}: ${got} vs ${corpus.corpusBleu}`).toBeLessThan(1e-9);
    }
  });

  it('rejects mismatched corpus lengths', () => {
    expect(() => corpusBleu(['a'], [])).toThrow(/1 hypotheses but 0 reference lists/u);
  });
});
