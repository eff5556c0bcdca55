import type { Dimension } from '@aws-sdk/client-cloudwatch';
import { cloudWatchLimits } from './cloudWatchLimits.js';
import type { MappingOutcome, MetricMapper } from './MetricMapper.js';

/** Settings of the native mapping (a subset of the provider options). */
export interface NativeMappingSettings {
  readonly namespace: string;
  readonly dimensions: {
    readonly include?: readonly string[];
    readonly exclude: readonly string[];
    readonly extra: Readonly<Record<string, string>>;
  };
  readonly metricNames: Readonly<Record<string, string>>;
}

const byName = (a: Dimension, b: Dimension) => (a.Name! < b.Name! ? -1 : a.Name! > b.Name! ? 1 : 0);

/**
 * The native mapping: one namespace; MetricName is the point name (or its
 * rename); every point dimension, filtered by include/exclude, plus the
 * constant extra ones (a point's own value wins on a clash), becomes a
 * CloudWatch dimension. Dimensions are sorted by name.
 */
export function nativeMapper(settings: NativeMappingSettings): MetricMapper {
  const include = settings.dimensions.include ? new Set(settings.dimensions.include) : undefined;
  const exclude = new Set(settings.dimensions.exclude);
  const extra = Object.entries(settings.dimensions.extra);
  return {
    map(name, dimensions): MappingOutcome {
      const metricName = settings.metricNames[name] ?? name;
      if (metricName.length === 0 || metricName.length > cloudWatchLimits.maxNameLength) {
        return { ok: false, reason: 'invalid', detail: `metric name of ${cloudWatchLimits.maxNameLength}+ characters` };
      }
      const merged = new Map<string, string>(extra);
      for (const [k, v] of Object.entries(dimensions)) {
        if ((include && !include.has(k)) || exclude.has(k)) continue;
        merged.set(k, v);
      }
      return finish(settings.namespace, metricName, merged);
    },
  };
}

/** Checks dimensions against CloudWatch's limits and sorts them. */
export function finish(namespace: string, metricName: string, dims: ReadonlyMap<string, string>): MappingOutcome {
  if (dims.size > cloudWatchLimits.maxDimensions) {
    return { ok: false, reason: 'invalid', detail: `${dims.size} dimensions (CloudWatch allows ${cloudWatchLimits.maxDimensions})` };
  }
  const out: Dimension[] = [];
  for (const [k, v] of dims) {
    if (k.length === 0 || k.length > cloudWatchLimits.maxDimensionNameLength) {
      return { ok: false, reason: 'invalid', detail: `dimension name "${k.slice(0, 40)}" must have 1-255 characters` };
    }
    if (v.length === 0 || v.length > cloudWatchLimits.maxDimensionValueLength) {
      return { ok: false, reason: 'invalid', detail: `dimension ${k} must have a value of 1-1024 characters` };
    }
    out.push({ Name: k, Value: v });
  }
  out.sort(byName);
  return { ok: true, metric: { namespace, metricName, dimensions: out } };
}
