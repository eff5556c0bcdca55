import betainc from '@stdlib/math-base-special-betainc';
import erfc from '@stdlib/math-base-special-erfc';
import gammainc from '@stdlib/math-base-special-gammainc';

/** Upper tail P(Z > z) of the standard normal, accurate in the far tail (scipy `norm.sf`). */
export function normSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Upper tail P(X > x) of chi-squared with `df` degrees of freedom (scipy `chi2.sf`). */
export function chi2Sf(x: number, df: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return gammainc(x / 2, df / 2, true, true);
}

/**
 * Two-sided Student t tail, `2 * scipy.special.stdtr(df, -|t|)`.
 *
 * scipy evaluates stdtr with Boost's students_t cdf, which feeds the
 * incomplete beta whichever argument is far from 1: `t²/(df+t²)` when
 * `df > 2t²`, else `df/(df+t²)`. Forming `df/(df+t²)` near 1 (small t, large
 * df) rounds away the information that sets the tail, e.g. at df = 3e6,
 * t = 1e-4 the single-argument form is off by 1.4e-6 relative; this form
 * agrees with scipy to ~1e-13 from p ~ 1 down to p ~ 1e-300.
 *
 * @param t - t statistic (sign ignored); NaN propagates.
 * @param df - degrees of freedom, > 0.
 */
export function tTwoSided(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df)) return Number.NaN;
  const x = Math.abs(t);
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  const x2 = x * x;
  if (df > 2 * x2) return betainc(x2 / (df + x2), 0.5, df / 2, true, true);
  return betainc(df / (df + x2), df / 2, 0.5, true, false);
}
