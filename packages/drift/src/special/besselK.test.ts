import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { besselK, besselKe } from './besselK.js';

// Reference values: scripts/reference/gen_ks_cvm_ad.py: scipy.special.kv (AMOS) and
// mpmath.besselk at 40 digits, for nu in {0, 1/4, 3/4, 5/4, 5/2} and x in [1e-9, 700].
const fixture = JSON.parse(readFileSync(new URL('../univariate/__fixtures__/ks_cvm_ad.json', import.meta.url), 'utf8')) as {
  special: { kv: { nu: number; x: number; scipy: number; mpmath: number }[] };
};

const relErr = (got: number, want: number): number => (got === want ? 0 : Math.abs(got - want) / Math.abs(want));

describe('besselK', () => {
  it('is within 1e-14 relative of the 40-digit value', () => {
    let worst = 0;
    for (const c of fixture.special.kv) worst = Math.max(worst, relErr(besselK(c.nu, c.x), c.mpmath));
    expect(worst).toBeLessThan(1e-14);
  });

  it('matches scipy.special.kv to 1e-13 relative (AMOS itself is off by up to ~6e-14)', () => {
    let worst = 0;
    for (const c of fixture.special.kv) {
      // AMOS flushes K to 0 once x exceeds ~697 (K < 1e-303); the true value is returned here.
      if (c.scipy === 0) {
        expect(c.x).toBeGreaterThan(690);
        continue;
      }
      worst = Math.max(worst, relErr(besselK(c.nu, c.x), c.scipy));
    }
    expect(worst).toBeLessThan(1e-13);
  });

  it('is within 1e-14 of scipy.special.kv for the K_{1/4} the CvM distribution uses, below x = 1', () => {
    for (const c of fixture.special.kv.filter((r) => r.nu === 0.25 && r.x < 1)) {
      expect(relErr(besselK(0.25, c.x), c.scipy)).toBeLessThan(1e-14);
    }
  });

  it('handles the edges', () => {
    expect(besselK(0.25, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(besselK(0.25, -1)).toBeNaN();
    expect(besselK(0.25, Number.POSITIVE_INFINITY)).toBe(0);
    expect(besselK(0.25, 800)).toBe(0); // underflows, as scipy.special.kv(0.25, 800) does
    expect(relErr(besselKe(0.5, 3), Math.sqrt(Math.PI / 6))).toBeLessThan(1e-15); // K_1/2 closed form
  });
});
