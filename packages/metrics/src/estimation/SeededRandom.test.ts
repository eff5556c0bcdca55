import { describe, expect, it } from 'vitest';
import { estimationFixture } from './__fixtures__/estimationFixture.js';
import { SeededRandom } from './SeededRandom.js';

describe('SeededRandom', () => {
  it('reproduces the Python twin word for word', () => {
    const { rng: f } = estimationFixture();
    const rng = new SeededRandom(f.seed);
    expect(f.u32.map(() => rng.nextU32())).toEqual(f.u32);
    expect(f.double.map(() => rng.nextDouble())).toEqual(f.double);
    expect([1, 2, 10, 1000, 123456789].map((b) => rng.nextBelow(b))).toEqual(f.below);
  });

  it('draws standard normals', () => {
    const rng = new SeededRandom(3);
    let s = 0;
    let ss = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const v = rng.nextNormal();
      s += v;
      ss += v * v;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(ss / n - 1)).toBeLessThan(0.05);
  });
});
