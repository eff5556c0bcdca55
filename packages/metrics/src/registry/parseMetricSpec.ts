import { UsageError } from '@driftwatch/core';
import type { Average, MetricSpec } from './MetricSpec.js';
import { getMetricDefinition } from './metricRegistry.js';

const AVERAGES: readonly string[] = ['binary', 'micro', 'macro', 'weighted'];

/**
 * Parses one metric as written on the command line or in config: a name, then optional
 * `:`-separated parts, each an average or a `key=value` option:
 * `f1`, `f1:macro`, `fbeta:weighted:beta=0.5`, `precision:zero_division=0`, `r2:force_finite=false`.
 * Unknown names, averages or options the metric does not take are a `UsageError` naming them.
 */
export function parseMetricSpec(text: string): MetricSpec {
  const parts = text.trim().split(':');
  const name = parts[0].trim();
  const d = getMetricDefinition(name);
  const spec: { -readonly [K in keyof MetricSpec]: MetricSpec[K] } = { name: d.name };
  for (const raw of parts.slice(1)) {
    const part = raw.trim();
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (!AVERAGES.includes(part)) throw new UsageError(`${text}: unknown average "${part}" (known: ${AVERAGES.join(', ')})`);
      if (!d.averages.includes(part as Average) && !d.binaryAverages.includes(part as Average)) {
        throw new UsageError(`${text}: ${d.name} takes no average "${part}"`);
      }
      spec.average = part as Average;
      continue;
    }
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 'beta' && d.options.includes('beta')) {
      const beta = Number(value);
      if (value === '' || !(beta > 0) || !Number.isFinite(beta))
        throw new UsageError(`${text}: beta must be a positive number, got "${value}"`);
      spec.beta = beta;
    } else if (key === 'zero_division' && d.options.includes('zeroDivision')) {
      if (value === 'null' || value === 'nan') spec.zeroDivision = 'null';
      else if (value === '0' || value === '1') spec.zeroDivision = Number(value) as 0 | 1;
      else throw new UsageError(`${text}: zero_division must be 0, 1 or null, got "${value}"`);
    } else if (key === 'force_finite' && d.options.includes('forceFinite')) {
      if (value !== 'true' && value !== 'false') throw new UsageError(`${text}: force_finite must be true or false, got "${value}"`);
      spec.forceFinite = value === 'true';
    } else {
      const known = d.options.map((o) => (o === 'zeroDivision' ? 'zero_division' : o === 'forceFinite' ? 'force_finite' : o));
      throw new UsageError(`${text}: ${d.name} has no option "${key}"${known.length ? ` (known: ${known.join(', ')})` : ''}`);
    }
  }
  return spec;
}

/** Parses a comma-separated list (`--metrics f1,roc_auc:weighted`). */
export function parseMetricSpecs(text: string): MetricSpec[] {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new UsageError('no metric given');
  return items.map(parseMetricSpec);
}

/** The canonical text of a spec (inverse of `parseMetricSpec`), e.g. `fbeta:macro:beta=2`; used as the result key. */
export function formatMetricSpec(spec: MetricSpec): string {
  let s: string = spec.name;
  if (spec.average) s += `:${spec.average}`;
  if (spec.beta !== undefined) s += `:beta=${spec.beta}`;
  if (spec.zeroDivision !== undefined) s += `:zero_division=${spec.zeroDivision}`;
  if (spec.forceFinite !== undefined) s += `:force_finite=${spec.forceFinite}`;
  return s;
}
