import { formatNumber } from './formatNumber.js';

const suffixes: readonly [number, string][] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** An axis tick: 3 significant digits, with k/M/G/T suffixes from 10 000 to 10^15 ("50k", "1.2M"). */
export function formatAxis(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e4 && a < 1e15) {
    for (const [d, s] of suffixes) if (a >= d) return `${Number((x / d).toPrecision(3))}${s}`;
  }
  return formatNumber(x, 3);
}
