import type { MetricPoint } from './MetricPoint.js';

/**
 * A figure a data source computed over the rows it read (not a drift figure: an LLM traffic
 * source's refusal rate or judge scores on a sample): a metric point without a time, which the
 * run that read the rows gives it (see `DataSource.figures`).
 */
export type SourceFigure = Omit<MetricPoint, 'timestamp' | 'runId' | 'chunk'>;
