import type { DriftOptions } from '@driftwatch/core';
import type { MonitorConfig } from '../config/driftwatchConfigSchema.js';

/** `{ method: distance, metric: cosine }` as the engine's method text `distance:metric=cosine`. */
export function embeddingMethodText(spec: { readonly method: string } & Readonly<Record<string, unknown>>): string {
  const params = Object.entries(spec)
    .filter(([k, v]) => k !== 'method' && v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`);
  return params.length === 0 ? spec.method : `${spec.method}:${params.join(',')}`;
}

/** The drift engine's options a monitor's `drift:` block describes (the columns come from its frame set). */
export function monitorDriftOptions(monitor: MonitorConfig): DriftOptions {
  const d = monitor.drift;
  return {
    methods:
      typeof d.methods === 'string'
        ? { '*': d.methods }
        : d.methods &&
          Object.fromEntries(Object.entries(d.methods).map(([column, m]) => [column, typeof m === 'string' ? m : embeddingMethodText(m)])),
    thresholds: typeof d.thresholds === 'number' ? { '*': d.thresholds } : d.thresholds,
    datasetShare: d.datasetShare,
    correction: d.correction,
    defaults: d.defaults,
    ...(d.constantColumns !== undefined ? { constantColumns: d.constantColumns } : {}),
    ...(d.integerCategories !== undefined ? { integerCategories: d.integerCategories } : {}),
    seed: d.seed,
    ...(d.text !== undefined ? { textDescriptors: d.text } : {}),
  };
}
