import type { DriftOptions } from '@driftwatch/core';
import type { MonitorConfig } from '../config/driftwatchConfigSchema.js';

/** The drift engine's options a monitor's `drift:` block describes (the columns come from its frame set). */
export function monitorDriftOptions(monitor: MonitorConfig): DriftOptions {
  const d = monitor.drift;
  return {
    methods: typeof d.methods === 'string' ? { '*': d.methods } : d.methods,
    thresholds: typeof d.thresholds === 'number' ? { '*': d.thresholds } : d.thresholds,
    datasetShare: d.datasetShare,
    correction: d.correction,
    defaults: d.defaults,
    ...(d.constantColumns !== undefined ? { constantColumns: d.constantColumns } : {}),
    ...(d.integerCategories !== undefined ? { integerCategories: d.integerCategories } : {}),
    seed: d.seed,
  };
}
