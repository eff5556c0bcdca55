import type { ChunkSpec } from './ChunkSpec.js';

/**
 * How the figures of windows (chunks) become metric points; shared by the
 * drift, performance and estimation point builders.
 */
export interface WindowPointOptions {
  /** The windowing, named in the `window` dimension; without it the dimension reads `window`. */
  readonly chunking?: ChunkSpec;
  /**
   * Opt-in: the earlier layout, a `chunk` dimension holding each window's key
   * and every point stamped with the run's time. Metric back ends then keep one
   * metric per window (CloudWatch bills each distinct dimension set as a metric:
   * a weekly monitor over four years of data made 227 in one run). Default
   * false: one time series per figure, see {@link windowPoint}.
   */
  readonly chunkDimension?: boolean;
}

/**
 * The `window` dimension's value for a windowing: the period (`hour`, `day`,
 * `week`, `month`), `<size>-rows` or `<count>-windows`.
 */
export function windowLabel(chunking: ChunkSpec | undefined): string {
  if (chunking === undefined) return 'window';
  if (chunking.by === 'period') return chunking.period;
  return chunking.by === 'size' ? `${chunking.size}-rows` : `${chunking.count}-windows`;
}

/**
 * The time and dimensions of the point of one window's figure. By default a
 * window's figures form a time series: the point is stamped with the window's
 * start (the run's time when the window has no dates: row windows without a
 * timestamp column) and carries `window: <windowing>` besides `dimensions`, so
 * the series stays apart from the run's figure over all rows, and no `chunk`
 * dimension, so each figure is one metric however many windows there are; the
 * window's key rides along as the point's `chunk` (not a dimension), for alerts.
 * With `chunkDimension` it carries the dimension `chunk: <key>` and the run's
 * time instead.
 */
export function windowPoint(
  window: { readonly key: string; readonly startDate?: string | undefined },
  generatedAt: string,
  dimensions: Readonly<Record<string, string>>,
  options: WindowPointOptions = {},
): { timestamp: string; dimensions: Record<string, string>; chunk?: string } {
  if (options.chunkDimension) return { timestamp: generatedAt, dimensions: { ...dimensions, chunk: window.key } };
  return {
    timestamp: window.startDate ?? generatedAt,
    dimensions: { ...dimensions, window: windowLabel(options.chunking) },
    chunk: window.key,
  };
}
