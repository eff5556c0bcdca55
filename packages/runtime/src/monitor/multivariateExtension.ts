import { multivariateDrift, multivariateMetricPoints } from '@driftwatch/drift';
import type { MonitorExtension } from './MonitorExtension.js';
import { windowChunking } from './modelQualityExtension.js';

/**
 * The built-in extension of `drift.multivariate`: per window (`windows:`) a
 * multivariate score of the drift-tested columns together, PCA
 * `reconstruction` error or domain `classifier` ROC AUC. Section
 * `multivariate` (a `MultivariateDrift`); points `multivariate.value` and
 * `multivariate.alert` with a `method` dimension, placed like every window
 * figure (`windows.chunkDimension`). Config validation ensures `windows:`.
 */
export function multivariateExtension(): MonitorExtension {
  return async ({ monitor, report, reference, current }) => {
    const method = monitor.drift.multivariate;
    if (method === undefined || monitor.windows === undefined) return undefined;
    const chunking = windowChunking(monitor.windows, monitor);
    const columns = report.columns.map((c) => c.column);
    const multivariate = multivariateDrift(method, reference, current, columns, chunking);
    const points = multivariateMetricPoints(
      multivariate,
      report.generatedAt,
      chunking,
      {},
      { chunkDimension: monitor.windows.chunkDimension },
    );
    return { sections: { multivariate }, points };
  };
}
