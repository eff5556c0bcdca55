import { describe, expect, it } from 'vitest';
import type { TimeSeriesChart } from '../model/ReportModel.js';
import { timeSeriesChart } from './timeSeriesChart.js';

const attr = (svg: string, cls: string) => [...svg.matchAll(new RegExp(`<path class="${cls}" d="([^"]*)"`, 'g'))].map((m) => m[1]);
/** Number of `M` commands (separate runs) in path data. */
const runs = (d: string) => (d.match(/M/g) ?? []).length;

const chunks = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'];

describe('timeSeriesChart', () => {
  it('draws a dot per finite value, leaves gaps at null and NaN, and a diamond per alert', () => {
    const chart: TimeSeriesChart = {
      title: 'auc',
      chunks,
      series: [{ name: 'est', values: [0.9, 0.8, null, 0.7, Number.NaN, 0.6], alerts: [false, true, true, false, false, true] }],
    };
    const svg = timeSeriesChart(chart, 0);
    expect(runs(attr(svg, 'pt s0')[0])).toBe(4);
    // Segments w1-w2 only; w4 and w6 are isolated by the gaps.
    expect(runs(attr(svg, 'ln s0')[0])).toBe(1);
    // The alert on a missing value (w3) has nowhere to sit.
    expect(runs(attr(svg, 'al')[0])).toBe(2);
    expect(svg).toContain('<title>auc: est over 6 chunks; est alerts at w2, w3, w6</title>');
  });

  it('shades the reference period and mutes its line', () => {
    const chart: TimeSeriesChart = {
      title: 't',
      chunks,
      referencePeriod: [true, true, true, false, false, false],
      series: [{ name: 'v', values: [1, 2, 3, 4, 5, 6] }],
    };
    const svg = timeSeriesChart(chart, 0);
    expect(svg.match(/<rect class="rz"/g)).toHaveLength(1);
    expect(svg).toMatch(/<rect class="rz" x="54" y="16" width="327" height="184"\/>/);
    // Muted: the two segments ending in reference chunks; normal: the three ending after.
    expect(attr(svg, 'ln s0 mu')[0].split(' ').length / 2).toBe(3);
    expect(attr(svg, 'ln s0')[0].split(' ').length / 2).toBe(4);
  });

  it('shades a one-sided threshold band from the bound to the plot edge and draws its line', () => {
    const svg = timeSeriesChart(
      { title: 't', chunks: ['a', 'b'], threshold: { upper: 0.05 }, series: [{ name: 'v', values: [0.01, 0.1] }] },
      0,
    );
    const rect = /<rect class="tb" x="54" y="([\d.]+)" width="654" height="([\d.]+)"\/>/.exec(svg);
    expect(rect).not.toBeNull();
    expect(Number(rect![1]) + Number(rect![2])).toBeCloseTo(200, 0);
    expect(runs(attr(svg, 'tl')[0])).toBe(1);
    const none = timeSeriesChart({ title: 't', chunks: ['a'], threshold: { lower: null }, series: [{ name: 'v', values: [1] }] }, 0);
    expect(none).not.toContain('class="tb"');
  });

  it('draws a confidence band per run of chunks with both bounds, and dashes the second line', () => {
    const svg = timeSeriesChart(
      {
        title: 't',
        chunks,
        series: [
          { name: 'est', values: [1, 2, 3, 4, 5, 6], lower: [0, 1, null, 3, 4, 5], upper: [2, 3, 4, 5, 6, 7] },
          { name: 'real', values: [1, 2, 3, 4, 5, 6] },
        ],
      },
      0,
    );
    expect(runs(attr(svg, 'ci s0')[0])).toBe(2);
    expect(svg).toContain('class="ln s1 da"');
    expect(svg).not.toContain('class="ln s0 da"');
  });

  it('labels at most as many chunks as fit and escapes them', () => {
    const many = Array.from({ length: 50 }, (_, i) => `2026-01-${String(i).padStart(2, '0')} <${i}>`);
    const svg = timeSeriesChart({ title: 't', chunks: many, series: [{ name: 'v', values: many.map((_, i) => i) }] }, 0);
    const labels = svg.match(/class="xa">/g) ?? [];
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.length).toBeLessThanOrEqual(10);
    expect(svg).toContain('2026-01-00 &lt;0&gt;');
    expect(svg).not.toContain('<0>');
  });

  it('draws an all-missing series without failing', () => {
    const svg = timeSeriesChart({ title: 't', chunks: ['a', 'b'], series: [{ name: 'v', values: [null, null] }] }, 0);
    expect(attr(svg, 'pt s0')).toEqual(['']);
    expect(svg).toContain('class="ya">0</text>');
  });
});
