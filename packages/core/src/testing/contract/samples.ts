import type { Alert, AlertRule } from '../../domain/Alert.js';
import type { MetricPoint } from '../../domain/MetricPoint.js';

/** Points that differ in name, value, unit, time and dimensions; `tag` keeps one test's points apart from another's. */
export function samplePoints(tag: string, at = Date.now()): MetricPoint[] {
  const time = (minutesAgo: number) => new Date(Math.floor(at / 1000) * 1000 - minutesAgo * 60_000).toISOString();
  return [
    {
      name: 'drift.score',
      value: 0.0421,
      unit: 'None',
      timestamp: time(2),
      dimensions: { monitor: tag, feature: 'age', method: 'ks', measure: 'p_value' },
    },
    {
      name: 'drift.score',
      value: 0.31,
      unit: 'None',
      timestamp: time(2),
      dimensions: { monitor: tag, feature: 'income', method: 'psi', measure: 'distance' },
    },
    { name: 'dataset.drift_share', value: 0.5, unit: 'None', timestamp: time(1), dimensions: { monitor: tag } },
    { name: 'rows.current', value: 1234, unit: 'Count', timestamp: time(0), dimensions: { monitor: tag } },
  ];
}

/** True when `received` has a point equal to `sent` (name, value to 1e-9 relative, dimensions, time to the second). */
export function samePoint(sent: MetricPoint, received: MetricPoint): boolean {
  if (sent.name !== received.name) return false;
  if (Math.abs(sent.value - received.value) > 1e-9 * Math.max(1, Math.abs(sent.value))) return false;
  if (Math.floor(Date.parse(sent.timestamp) / 1000) !== Math.floor(Date.parse(received.timestamp) / 1000)) return false;
  const a = Object.entries(sent.dimensions).sort();
  const b = Object.entries(received.dimensions ?? {}).sort();
  return a.length === b.length && a.every(([k, v], i) => b[i][0] === k && b[i][1] === v);
}

/** An alert as the runtime sends it; `tag` is its monitor. */
export function sampleAlert(tag: string): Alert {
  return {
    rule: 'drift-share-high',
    severity: 'warning',
    monitor: tag,
    message: `dataset.drift_share 0.5 > 0.3 (monitor ${tag})`,
    timestamp: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(),
    values: { value: 0.5, threshold: 0.3 },
  };
}

/** Two rules, as a monitor's `alerts:` gives them. */
export function sampleRules(): AlertRule[] {
  return [
    { name: 'drift-share-high', metric: 'dataset.drift_share', comparison: 'gt', threshold: 0.3, severity: 'warning' },
    { name: 'age-drift', metric: 'drift.score', comparison: 'lt', threshold: 0.01, severity: 'critical', dimensions: { feature: 'age' } },
  ];
}

/** A tag unique to one test, usable in file names, metric dimensions and monitor names. */
export function uniqueTag(): string {
  return `contract-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
