/** A share as a percentage with up to 3 significant digits: 0.1234 → "12.3%", 0.00042 → "0.042%". */
export function formatPercent(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (x === 0) return '0%';
  const p = x * 100;
  return `${Math.abs(p) >= 100 ? Math.round(p) : Number(p.toPrecision(3))}%`;
}
