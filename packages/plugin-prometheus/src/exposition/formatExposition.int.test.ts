import { spawnSync } from 'node:child_process';
import type { MetricPoint } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { binaryAvailability, skipWithout } from '../testing/prometheusBinaries.js';
import { formatExposition } from './formatExposition.js';
import { PrometheusSeriesMapper, toMetricFamilies } from './PrometheusSeriesMapper.js';

// Prometheus's own parser and linter (`promtool check metrics`, from Debian's `prometheus`) reads
// what formatExposition writes, awkward values included, with and without timestamps.
const promtool = process.env.DRIFTWATCH_PROMTOOL_BIN ?? 'promtool';

describe.skipIf(skipWithout(binaryAvailability(promtool)))('formatExposition read by promtool check metrics', () => {
  const point = (name: string, value: number, dimensions: Record<string, string>, unit: MetricPoint['unit'] = 'None'): MetricPoint => ({
    name,
    value,
    unit,
    timestamp: '2026-12-07T04:00:00.000Z',
    dimensions,
  });
  const points = [
    point('drift.score', 1e-7, { monitor: 'm', feature: 'quote " backslash \\ newline \n ünïcode ✓' }),
    point('drift.score', Number.NaN, { monitor: 'm', feature: 'nan' }),
    point('drift.score', Number.POSITIVE_INFINITY, { monitor: 'm', feature: 'inf' }),
    point('drift.score', -Number.MAX_VALUE, { monitor: 'm', feature: 'min' }),
    point('9-odd.name:with/colons', 3, { '0bad-label': 'x', __reserved: 'y' }),
    point('latency', 1500, { monitor: 'm' }, 'Milliseconds'),
    point('dataset.drift_share', 0.5, {}),
  ];
  const mapper = new PrometheusSeriesMapper();
  const series = points.flatMap((p) => {
    const m = mapper.map(p);
    return m.ok ? [m.series] : [];
  });

  it.each([false, true])('parses without a complaint (timestamps: %s)', (timestamps) => {
    const text = formatExposition(toMetricFamilies(series), { timestamps });
    const r = spawnSync(promtool, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.status).toBe(0);
    expect(text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toHaveLength(points.length);
  });

  it('is caught when the text is broken (the check can fail)', () => {
    const r = spawnSync(promtool, ['check', 'metrics'], { input: 'driftwatch_x{a="unclosed} 1\n', encoding: 'utf8' });
    expect(r.status).not.toBe(0);
  });
});
