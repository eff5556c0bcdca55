import { describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/streamingFixture.js';
import { PythonRandom } from './PythonRandom.js';

describe("PythonRandom reproduces CPython's random.Random", () => {
  it.each(fixture.mersenneTwister.map((c) => [c.seed, c] as const))('seed %s: getrandbits(32) words', (seed, c) => {
    const rng = new PythonRandom(seed);
    expect(Array.from({ length: c.words.length }, () => rng.getrandbits(32))).toEqual(c.words);
  });

  it.each(fixture.mersenneTwister.map((c) => [c.seed, c] as const))(
    'seed %s: random.sample(range(n), k), pool and set strategies',
    (seed, c) => {
      const rng = new PythonRandom(seed);
      for (const s of c.samples) {
        const out = new Int32Array(s.k);
        const seen = new Uint8Array(s.n);
        rng.sampleRange(s.n, s.k, out, new Int32Array(s.n), seen);
        expect(Array.from(out)).toEqual(s.indices);
        expect(seen.every((v) => v === 0)).toBe(true);
      }
    },
  );

  it('re-seeding restarts the sequence', () => {
    const rng = new PythonRandom(42);
    const first = [rng.nextU32(), rng.nextU32()];
    rng.seed(42);
    expect([rng.nextU32(), rng.nextU32()]).toEqual(first);
  });

  it('randbelow stays below its bound, including 1', () => {
    const rng = new PythonRandom(7);
    for (let n = 1; n < 300; n++) {
      const r = rng.randbelow(n);
      expect(r >= 0 && r < n).toBe(true);
    }
  });
});
