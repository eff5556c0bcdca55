import { describe, expect, it } from 'vitest';
import { numericHistogram } from '../binned/numericHistogram.js';
import { histogramChart } from './histogramChart.js';

const bars = (svg: string, side: 'ref' | 'cur') => {
  const d = new RegExp(`<path class="bar ${side}" d="([^"]*)"`).exec(svg)![1];
  return [...d.matchAll(/M([\d.]+) ([\d.]+)v(-?[\d.]+)h([\d.]+)/g)].map((m) => ({ x: Number(m[1]), h: -Number(m[3]), w: Number(m[4]) }));
};

describe('histogramChart', () => {
  it('draws one bar per non-empty bin and side, heights proportional to the side’s shares', () => {
    // Reference: 3 of 4 values in the first bin; current: 2 of 2 in the last.
    const h = numericHistogram(new Float64Array([0, 0.1, 0.2, 0.9]), new Float64Array([1, 0.95, Number.NaN]), 2);
    const svg = histogramChart('x', h, 0);
    const ref = bars(svg, 'ref');
    const cur = bars(svg, 'cur');
    expect(ref).toHaveLength(2);
    expect(cur).toHaveLength(1);
    expect(ref[0].h / ref[1].h).toBeCloseTo(3, 1);
    // The current side's single bin holds 100%: the tallest bar.
    expect(cur[0].h).toBeGreaterThan(ref[0].h);
    // Reference sits on the left half of its bin, current on the right half.
    expect(cur[0].x).toBeGreaterThan(ref[1].x);
    expect(svg).toContain('<title>x: share of rows per bin, reference vs current, 2 bins from 0 to 1</title>');
  });

  it('draws a constant column as one bar per side and no bars when nothing is finite', () => {
    const c = histogramChart('c', numericHistogram(new Float64Array([5, 5]), new Float64Array([5]), 30), 0);
    expect(bars(c, 'ref')).toHaveLength(1);
    expect(bars(c, 'cur')).toHaveLength(1);
    const empty = histogramChart('e', numericHistogram(new Float64Array([Number.NaN]), new Float64Array(0), 30), 0);
    expect(bars(empty, 'ref')).toHaveLength(0);
    expect(empty).toContain('data-dist="0"');
  });

  it('labels a date-time axis with UTC dates instead of epoch milliseconds', () => {
    const day = 86_400_000;
    const start = Date.UTC(2026, 0, 5);
    const ref = Float64Array.from({ length: 50 }, (_, i) => start + i * day);
    const h = {
      ...numericHistogram(
        ref,
        ref.map((v) => v + 20 * day),
        10,
      ),
      axis: 'datetime' as const,
    };
    const svg = histogramChart('ts', h, 0);
    const ticks = [...svg.matchAll(/<text[^>]*class="xa">([^<]*)</g)].map((m) => m[1]);
    expect(ticks.length).toBeGreaterThan(1);
    for (const t of ticks) expect(t).toMatch(/^2026-\d\d-\d\d$/);
    expect(svg).toContain('from 2026-01-05 to 2026-03-15');
    expect(histogramChart('ts', { ...h, axis: 'number' }, 0)).not.toContain('2026-01-05');
  });
});
