/** A statistic or p-value for people: 4 significant digits, exponent form for the very small or large. */
export function formatNumber(x: number | null): string {
  if (x === null) return '—';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-4 || a >= 1e6) return x.toExponential(3);
  return Number(x.toPrecision(4)).toString();
}
