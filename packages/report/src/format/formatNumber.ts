/**
 * A figure for people: 4 significant digits (`digits`), exponent form below 1e-4 and from 1e6,
 * `—` for null, `∞` for infinities (the CLI's table uses the same rules).
 */
export function formatNumber(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined) return '—';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-4 || a >= 1e6) return x.toExponential(Math.max(digits - 2, 0)).replace(/\.?0+e/, 'e');
  return Number(x.toPrecision(digits)).toString();
}
