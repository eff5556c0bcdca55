/** A coordinate for SVG markup: one decimal, no trailing zero, no leading zero (`.5`), no `-0`. */
export function svgNumber(x: number): string {
  const r = Math.round(x * 10) / 10;
  if (r === 0) return '0';
  const s = r.toString();
  return s.startsWith('0.') ? s.slice(1) : s.startsWith('-0.') ? `-${s.slice(2)}` : s;
}
