/** A count with thousands separators: 1234567 → "1,234,567"; non-integers fall back to 4 significant digits. */
export function formatInteger(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '∞' : '-∞';
  const r = Math.round(x);
  if (r !== x) return Number(x.toPrecision(4)).toString();
  return r.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
