import { describe, expect, it } from 'vitest';
import { categoricalBars } from '../binned/categoricalBars.js';
import { categoricalChart } from './categoricalChart.js';

describe('categoricalChart', () => {
  it('draws a row per category and one for "other", with the full name in a title', () => {
    const long = 'a very long category name that will not fit';
    const b = categoricalBars(Int32Array.from([0, 0, 0, 0, 1, 2, 3]), [long, 'b', 'c', 'd'], Int32Array.from([1, 1, 0]), ['c', 'b'], 2);
    const svg = categoricalChart('k', b, 3);
    expect(svg).toContain('other (2)</text>');
    expect(svg).toContain(`<title>${long}: reference 57.1%, current 0%</title>a very long ca…</text>`);
    expect((svg.match(/<text [^>]*class="ya/g) ?? []).length).toBe(3);
    expect(svg).toContain('data-dist="3"');
    expect(svg).toContain('top 2 and 2 more as other');
    // b (81% of the current data) first, then the long name; bars for both sides of both rows and "other".
    expect(svg.indexOf('>b</text>')).toBeLessThan(svg.indexOf('a very long ca…'));
    const d = (side: string) => new RegExp(`<path class="bar ${side}" d="([^"]*)"`).exec(svg)![1];
    expect(d('ref').match(/M/g)).toHaveLength(3);
    // The current side has no row of the long name.
    expect(d('cur').match(/M/g)).toHaveLength(2);
  });
});
