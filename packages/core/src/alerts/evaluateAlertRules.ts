import type { Alert, AlertRule } from '../domain/Alert.js';
import type { MetricPoint } from '../domain/MetricPoint.js';

const symbols = { gt: '>', gte: '≥', lt: '<', lte: '≤' } as const;

/** True when `value` compared with `threshold` by `comparison` fires. */
export function compares(value: number, comparison: AlertRule['comparison'], threshold: number): boolean {
  switch (comparison) {
    case 'gt':
      return value > threshold;
    case 'gte':
      return value >= threshold;
    case 'lt':
      return value < threshold;
    case 'lte':
      return value <= threshold;
  }
}

/**
 * The alerts the rules fire on a run's points: a rule matches a point when
 * the names are equal and the rule's dimensions are a subset of the point's;
 * each matching point whose value compares true fires one alert (so a rule
 * on `drift.score` fires once per drifting feature). Rule order, then point
 * order. Non-finite values never fire. Each alert comes with its rule, as
 * given (a config's rule keeps its channels).
 */
export function evaluateAlertRules<R extends AlertRule>(
  monitor: string,
  rules: readonly R[],
  points: readonly MetricPoint[],
): { rule: R; alert: Alert }[] {
  const fired: { rule: R; alert: Alert }[] = [];
  for (const rule of rules) {
    for (const p of points) {
      if (p.name !== rule.metric || !Number.isFinite(p.value)) continue;
      if (rule.dimensions && !Object.entries(rule.dimensions).every(([k, v]) => p.dimensions[k] === v)) continue;
      if (!compares(p.value, rule.comparison, rule.threshold)) continue;
      const dims = Object.entries(p.dimensions).filter(([k]) => k !== 'monitor');
      // A per-window figure names its window, whether it is a dimension or only the point's chunk key.
      if (p.chunk !== undefined && p.dimensions.chunk === undefined) dims.push(['chunk', p.chunk]);
      const label = dims.length > 0 ? `{${dims.map(([k, v]) => `${k}=${v}`).join(',')}}` : '';
      fired.push({
        rule,
        alert: {
          rule: rule.name,
          severity: rule.severity,
          monitor,
          message: `${monitor}: ${p.name}${label} = ${Number(p.value.toPrecision(4))} ${symbols[rule.comparison]} ${rule.threshold} (rule "${rule.name}")`,
          timestamp: p.timestamp,
          values: { metric: p.name, value: p.value, threshold: rule.threshold, comparison: rule.comparison, ...Object.fromEntries(dims) },
        },
      });
    }
  }
  return fired;
}
