import type { MetricPoint } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { escapeLabelValue } from './escapeLabelValue.js';
import { formatExposition } from './formatExposition.js';
import { formatSampleValue } from './formatSampleValue.js';
import { PrometheusSeriesMapper, toMetricFamilies } from './PrometheusSeriesMapper.js';
import { sanitizeLabelName } from './sanitizeLabelName.js';
import { sanitizeMetricName } from './sanitizeMetricName.js';

const point = (name: string, value: number, dimensions: Record<string, string>, extra: Partial<MetricPoint> = {}): MetricPoint => ({
  name,
  value,
  unit: 'None',
  timestamp: '2026-12-07T04:00:00.000Z',
  dimensions,
  ...extra,
});

describe('sanitizeMetricName', () => {
  it.each([
    ['drift.score', 'driftwatch', 'driftwatch_drift_score'],
    ['dataset.drift_share', 'driftwatch', 'driftwatch_dataset_drift_share'],
    ['quality.f1-macro', '', 'quality_f1_macro'],
    ['9lives', '', '_9lives'],
    ['a:b..c', 'my-app', 'my_app_a_b_c'],
    ['', '', '_'],
    ['x', '__', 'x'],
  ])('%s with prefix %j → %s', (name, prefix, expected) => {
    const out = sanitizeMetricName(name, prefix);
    expect(out).toBe(expected);
    expect(out).toMatch(/^[a-zA-Z_][a-zA-Z0-9_]*$/);
  });
});

describe('sanitizeLabelName', () => {
  it.each([
    ['feature', 'feature'],
    ['model.version', 'model_version'],
    ['__name__', 'name__'],
    ['1st', '_1st'],
    ['', '_'],
    ['ünit', 'nit'],
  ])('%j → %j', (name, expected) => {
    expect(sanitizeLabelName(name)).toBe(expected);
  });
});

describe('escaping and values', () => {
  it('escapes backslash, quote and line feed in label values only', () => {
    expect(escapeLabelValue('a\\b"c\nd\te')).toBe('a\\\\b\\"c\\nd\te');
    expect(escapeLabelValue('plain ünïcode')).toBe('plain ünïcode');
  });
  it('writes special values as Go parses them', () => {
    expect([NaN, Infinity, -Infinity, 0.25, 1e-7, -0, Number.MAX_VALUE].map(formatSampleValue)).toEqual([
      'NaN',
      '+Inf',
      '-Inf',
      '0.25',
      '1e-7',
      '0',
      '1.7976931348623157e+308',
    ]);
  });
});

describe('PrometheusSeriesMapper', () => {
  it('maps name, unit and dimensions; leaves runId and chunk out', () => {
    const mapper = new PrometheusSeriesMapper();
    const m = mapper.map(
      point('latency.p99', 250, { 'model.version': '3', monitor: 'm' }, { unit: 'Milliseconds', runId: 'r1', chunk: '2026-W1' }),
    );
    expect(m).toEqual({
      ok: true,
      series: {
        metric: 'driftwatch_latency_p99_seconds',
        help: 'Driftwatch metric latency.p99 (seconds)',
        key: 'driftwatch_latency_p99_seconds{model_version="3",monitor="m"}',
        sample: { labels: { model_version: '3', monitor: 'm' }, value: 0.25, timestampMs: Date.parse('2026-12-07T04:00:00.000Z') },
      },
    });
  });

  it('bounds label sets per metric, keeps updating known ones, frees forgotten ones', () => {
    const mapper = new PrometheusSeriesMapper({ maxSeriesPerMetric: 2 });
    const a = mapper.map(point('drift.score', 1, { feature: 'a' }));
    expect(mapper.map(point('drift.score', 1, { feature: 'b' })).ok).toBe(true);
    expect(mapper.map(point('drift.score', 1, { feature: 'c' }))).toEqual({ ok: false, reason: 'cardinality' });
    expect(mapper.map(point('drift.score', 2, { feature: 'a' })).ok).toBe(true);
    expect(mapper.map(point('dataset.drift_share', 1, { feature: 'c' })).ok).toBe(true);
    if (!a.ok) throw new Error('a not mapped');
    mapper.forget(a.series);
    expect(mapper.map(point('drift.score', 1, { feature: 'c' })).ok).toBe(true);
  });

  it('cuts long label values and rejects colliding label names', () => {
    const mapper = new PrometheusSeriesMapper({ maxLabelValueLength: 10 });
    const m = mapper.map(point('x', 1, { feature: 'abcdefghijklmnop' }));
    expect(m.ok && m.series.sample.labels.feature).toBe('abcdefghi…');
    expect(mapper.map(point('x', 1, { 'a.b': '1', a_b: '2' }))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('excludes labels it is told to', () => {
    const mapper = new PrometheusSeriesMapper({ excludeLabels: ['monitor'] });
    const m = mapper.map(point('x', 1, { monitor: 'm', feature: 'f' }));
    expect(m.ok && m.series.sample.labels).toEqual({ feature: 'f' });
  });
});

describe('formatExposition', () => {
  it('writes families in name order, samples in label order, the latest value of each series', () => {
    const mapper = new PrometheusSeriesMapper();
    const points = [
      point('drift.score', 0.5, { feature: 'z"q', monitor: 'm' }),
      point('drift.score', 0.01, { feature: 'age', monitor: 'm' }),
      point('drift.score', 0.02, { feature: 'age', monitor: 'm' }, { timestamp: '2026-12-07T03:00:00.000Z' }),
      point('dataset.drift_share', 0.5, { monitor: 'm' }),
    ];
    const series = points.flatMap((p) => {
      const m = mapper.map(p);
      return m.ok ? [m.series] : [];
    });
    const text = formatExposition(toMetricFamilies(series));
    expect(text).toBe(
      [
        '# HELP driftwatch_dataset_drift_share Driftwatch metric dataset.drift_share',
        '# TYPE driftwatch_dataset_drift_share gauge',
        'driftwatch_dataset_drift_share{monitor="m"} 0.5',
        '# HELP driftwatch_drift_score Driftwatch metric drift.score',
        '# TYPE driftwatch_drift_score gauge',
        'driftwatch_drift_score{feature="age",monitor="m"} 0.01',
        'driftwatch_drift_score{feature="z\\"q",monitor="m"} 0.5',
        '',
      ].join('\n'),
    );
    const withTime = formatExposition(toMetricFamilies(series), { timestamps: true });
    expect(withTime).toContain(`driftwatch_dataset_drift_share{monitor="m"} 0.5 ${Date.parse('2026-12-07T04:00:00.000Z')}\n`);
  });

  it('writes nothing for no samples and refuses two families of one name', () => {
    expect(formatExposition([])).toBe('');
    const f = { name: 'a', help: 'h', type: 'gauge' as const, samples: [{ labels: {}, value: 1 }] };
    expect(() => formatExposition([f, f])).toThrow(/two metric families named a/);
  });
});
