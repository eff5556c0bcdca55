import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NumpyRandomState } from './NumpyRandomState.js';

/** Written by scripts/reference/gen_numpy_random_state.py from numpy's own RandomState. */
interface Case {
  seed: number;
  words: number[];
  rand: number[];
  choiceA: number[];
  choiceB: number[];
  choiceC: number[];
  randint: number[];
  permutation: number[];
  sample1000of1500: number[];
  sample7of7: number[];
  shuffle100: number[];
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/numpy_random_state.json', import.meta.url), 'utf8')) as {
  cases: Case[];
  arrayCases: { key: number[]; rand: number[] }[];
};
const bySeed = fixture.cases.map((c) => [c.seed, c] as const);

describe("NumpyRandomState reproduces numpy's legacy RandomState", () => {
  it.each(bySeed)('seed %s: raw 32-bit words (randint(0, 2**32))', (seed, c) => {
    const rs = new NumpyRandomState(seed);
    expect(Array.from(rs.randint(0, 2 ** 32, c.words.length))).toEqual(c.words);
  });

  it.each(bySeed)('seed %s: rand(700) bit for bit, across a state regeneration', (seed, c) => {
    expect(Array.from(new NumpyRandomState(seed).rand(c.rand.length))).toEqual(c.rand);
  });

  it.each(bySeed)('seed %s: np.random.seed then choice(10, 20), choice(1000, 30), choice(65537, 10), randint(5, 17, 12)', (seed, c) => {
    const rs = new NumpyRandomState(seed);
    expect(Array.from(rs.choice(10, c.choiceA.length))).toEqual(c.choiceA);
    expect(Array.from(rs.choice(1000, c.choiceB.length))).toEqual(c.choiceB);
    expect(Array.from(rs.choice(65537, c.choiceC.length))).toEqual(c.choiceC);
    expect(Array.from(rs.randint(5, 17, c.randint.length))).toEqual(c.randint);
  });

  it.each(bySeed)('seed %s: permutation, shuffle and choice without replacement (pandas sample)', (seed, c) => {
    expect(Array.from(new NumpyRandomState(seed).permutation(37))).toEqual(c.permutation);
    expect(Array.from(new NumpyRandomState(seed).sampleWithoutReplacement(1500, 1000))).toEqual(c.sample1000of1500);
    expect(Array.from(new NumpyRandomState(seed).sampleWithoutReplacement(7, 7))).toEqual(c.sample7of7);
    const values = Array.from({ length: 100 }, (_, i) => i);
    new NumpyRandomState(seed).shuffle(values);
    expect(values).toEqual(c.shuffle100);
  });

  it.each(fixture.arrayCases.map((c) => [JSON.stringify(c.key), c] as const))('array seed %s: init_by_array', (_, c) => {
    expect(Array.from(new NumpyRandomState(c.key).rand(c.rand.length))).toEqual(c.rand);
  });

  it('rejects seeds numpy rejects and bad ranges', () => {
    expect(() => new NumpyRandomState(-1)).toThrow(/between 0 and 2\*\*32 - 1/);
    expect(() => new NumpyRandomState(2 ** 32)).toThrow(RangeError);
    expect(() => new NumpyRandomState(0).choice(0, 3)).toThrow(/positive integer/);
    expect(() => new NumpyRandomState(0).sampleWithoutReplacement(3, 4)).toThrow(/without replacement/);
  });

  it('choice stays in range and the same seed gives the same stream', () => {
    const a = new NumpyRandomState(7).choice(13, 500);
    expect(a.every((v) => v >= 0 && v < 13)).toBe(true);
    expect(Array.from(new NumpyRandomState(7).choice(13, 500))).toEqual(Array.from(a));
  });
});
