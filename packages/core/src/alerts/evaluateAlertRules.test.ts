import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../domain/Alert.js';
import type { MetricPoint } from '../domain/MetricPoint.js';
import { compares, evaluateAlertRules } from './evaluateAlertRules.js';

const point = (name: string, value: number, dimensions: Record<string, string>): MetricPoint => ({
  name,
  value,
  unit: 'None',
  timestamp: '2026-11-27T00:00:00.000Z',
  dimensions: { monitor: 'm', ...dimensions },
});
const rule = (r: Partial<AlertRule>): AlertRule => ({
  name: 'r',
  metric: 'drift.score',
  comparison: 'gt',
  threshold: 0.5,
  severity: 'warning',
  ...r,
});

describe('evaluateAlertRules', () => {
  it('compares at the boundary as documented', () => {
    expect([compares(1, 'gt', 1), compares(1, 'gte', 1), compares(1, 'lt', 1), compares(1, 'lte', 1)]).toEqual([false, true, false, true]);
  });

  it('matches by name and dimension subset, one alert per matching point, never on non-finite values', () => {
    const points = [
      point('drift.score', 0.9, { feature: 'age', method: 'psi' }),
      point('drift.score', 0.7, { feature: 'income', method: 'psi' }),
      point('drift.score', 0.1, { feature: 'city', method: 'psi' }),
      point('drift.score', Number.NaN, { feature: 'zip', method: 'psi' }),
      point('dataset.drift_share', 0.9, {}),
    ];
    const fired = evaluateAlertRules(
      'm',
      [
        rule({ name: 'any' }),
        rule({ name: 'income', dimensions: { feature: 'income' } }),
        rule({ name: 'ks', dimensions: { method: 'ks' } }),
      ],
      points,
    );
    expect(fired.map((f) => [f.rule.name, f.alert.values.feature])).toEqual([
      ['any', 'age'],
      ['any', 'income'],
      ['income', 'income'],
    ]);
    expect(fired[0].alert).toEqual({
      rule: 'any',
      severity: 'warning',
      monitor: 'm',
      message: 'm: drift.score{feature=age,method=psi} = 0.9 > 0.5 (rule "any")',
      timestamp: '2026-11-27T00:00:00.000Z',
      values: { metric: 'drift.score', value: 0.9, threshold: 0.5, comparison: 'gt', feature: 'age', method: 'psi' },
    });
  });

  it('names the window of a per-window point, which carries it as its chunk key rather than a dimension', () => {
    const weekly: MetricPoint = { ...point('performance.f1', 0.3, { metric: 'f1', window: 'week' }), chunk: '2026-W14' };
    const [fired] = evaluateAlertRules('m', [rule({ name: 'f1', metric: 'performance.f1', comparison: 'lt' })], [weekly]);
    expect(fired?.alert.values).toMatchObject({ metric: 'f1', window: 'week', chunk: '2026-W14' });
    expect(fired?.alert.message).toBe('m: performance.f1{metric=f1,window=week,chunk=2026-W14} = 0.3 < 0.5 (rule "f1")');
  });
});
