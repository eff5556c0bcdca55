import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kolmogn, kolmogorov, kstwoSf, ldexp, smirnov } from './kolmogorov.js';
import { pairwiseSum } from './numpySum.js';

// Reference values: scripts/reference/gen_ks_cvm_ad.py (SciPy 1.17.1:
// scipy.stats.kstwo.sf, scipy.stats._ksstats._kolmogn, scipy.special.smirnov / kolmogorov).
const fixture = JSON.parse(readFileSync(new URL('../univariate/__fixtures__/ks_cvm_ad.json', import.meta.url), 'utf8')) as {
  special: {
    kstwo: { n: number; x: number; sf: number; cdf: number; branch: string }[];
    smirnov: { n: number; x: number; sf: number }[];
    kolmogorov: { x: number; sf: number }[];
  };
};

const relErr = (got: number, want: number): number => (got === want ? 0 : Math.abs(got - want) / Math.abs(want));
const close = (got: number, want: number, rel: number, abs: number): boolean => relErr(got, want) <= rel || Math.abs(got - want) <= abs;

describe('kstwoSf / kolmogn vs scipy', () => {
  it('fixture covers every _kolmogn branch', () => {
    const branches = new Set(fixture.special.kstwo.map((c) => c.branch));
    for (const b of [
      'support-1',
      'rg-lower',
      'rg-lower-stirling',
      'rg-upper',
      'smirnov-x-ge-half',
      'dmtw-small-n',
      'pomeranz',
      'smirnov-small-n',
      'zero',
      'smirnov-large-n',
      'dmtw-large-n',
      'pelz-good',
    ]) {
      expect(branches.has(b), b).toBe(true);
    }
  });

  // Large-n smirnov sums are O(n) as in scipy; keep the per-test budget explicit.
  it('matches kstwo.sf(x, n) and _kolmogn(n, x, cdf=True) on the reference grid', () => {
    const bad: string[] = [];
    for (const c of fixture.special.kstwo) {
      const sf = kstwoSf(c.x, c.n);
      const cdf = kolmogn(c.n, c.x, true);
      if (!close(sf, c.sf, 1e-10, 1e-14)) bad.push(`sf n=${c.n} x=${c.x} (${c.branch}): ${sf} vs ${c.sf}`);
      if (!close(cdf, c.cdf, 1e-10, 1e-14)) bad.push(`cdf n=${c.n} x=${c.x} (${c.branch}): ${cdf} vs ${c.cdf}`);
    }
    expect(bad).toEqual([]);
  });

  it('handles the support and invalid n like scipy', () => {
    expect(kstwoSf(0, 10)).toBe(1);
    expect(kstwoSf(0.05, 10)).toBe(1); // x <= 1/(2n)
    expect(kstwoSf(1, 10)).toBe(0);
    expect(kstwoSf(0.3, 2.5)).toBeNaN();
    expect(kstwoSf(0.3, 0)).toBeNaN();
    expect(kolmogn(10, Number.NaN)).toBeNaN();
  });
});

describe('smirnov vs scipy.special.smirnov', () => {
  it('matches on the reference grid', () => {
    const bad: string[] = [];
    for (const c of fixture.special.smirnov) {
      const sf = smirnov(c.n, c.x);
      if (!close(sf, c.sf, 1e-10, 1e-15)) bad.push(`n=${c.n} x=${c.x}: ${sf} vs ${c.sf}`);
    }
    expect(bad).toEqual([]);
  });

  it('returns NaN outside the domain', () => {
    expect(smirnov(5, -0.1)).toBeNaN();
    expect(smirnov(5, 1.1)).toBeNaN();
    expect(smirnov(0, 0.5)).toBeNaN();
  });
});

describe('kolmogorov vs scipy.special.kolmogorov', () => {
  it('matches on the reference grid', () => {
    for (const c of fixture.special.kolmogorov) {
      expect(close(kolmogorov(c.x), c.sf, 1e-13, 1e-16), `x=${c.x}`).toBe(true);
    }
  });
});

describe('helpers', () => {
  it('ldexp scales exactly, including into the subnormal range', () => {
    expect(ldexp(1, 1023)).toBe(8.98846567431158e307);
    expect(ldexp(1, -1074)).toBe(5e-324);
    expect(ldexp(3, -1075)).toBe(1e-323); // 1.5 * 2^-1074 rounds to even: 2^-1073
    expect(ldexp(0.75, 1024)).toBe(2 ** 1023 * 1.5);
    expect(ldexp(0.75, 1025)).toBe(Number.POSITIVE_INFINITY);
    expect(ldexp(1, -1100)).toBe(0);
  });

  it('pairwiseSum follows NumPy (blocks of 128, 8 accumulators)', () => {
    // 1 followed by 15 copies of 2^-53: adding them one by one to 1 loses every one
    // (ties to even); NumPy's 8 accumulators pair them first and keep 14 of them.
    const a = new Float64Array(16).fill(2 ** -53);
    a[0] = 1;
    expect(pairwiseSum(a, 0, 16)).toBe(1 + 7 * 2 ** -52);
    let seq = 0;
    for (const v of a) seq += v;
    expect(seq).toBe(1);
  });
});
