import erfc from '@stdlib/math-base-special-erfc';
import gammainc from '@stdlib/math-base-special-gammainc';
import betainc from '@stdlib/math-base-special-betainc';

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

/** Two-sided tail P(|T| > |t|) of Student's t with `df` degrees of freedom. */
export function tTwoSided(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  const x = df / (df + t * t);
  return betainc(x, df / 2, 0.5, true, false);
}
