import {
  type ChunkSpec,
  type EstimationReport,
  type MetricPoint,
  type MetricsSink,
  metricsSinkToken,
  type PerformanceReport,
  UsageError,
} from '@driftwatch/core';
import { chunkFrame } from '@driftwatch/data';
import {
  defaultMetrics,
  estimatePerformance,
  estimationPoints,
  evaluatePerformance,
  type ModelData,
  type ModelDataRequest,
  modelDataFromFrame,
  parseMetricSpec,
  performancePoints,
  type Threshold,
} from '@driftwatch/metrics';
import { inject, injectable, multiInject, optional } from 'inversify';
import { publishToSinks } from '../check/publishToSinks.js';
import { type DataSourceFactory, dataSourceFactoryToken } from '../composition/tokens.js';
import { readFrameSet } from '../pipeline/readFrameSet.js';
import type { SourceSpec } from '../pipeline/SourceSpec.js';

/** One `driftwatch metrics`. */
export interface PerformanceRequest {
  readonly data: SourceSpec;
  /** Labelled reference data: thresholds from its chunks and sampling errors. */
  readonly reference?: SourceSpec;
  readonly columns: ModelDataRequest;
  /** Metric specs as text (`f1`, `roc_auc:macro`); default by task. */
  readonly metrics?: readonly string[];
  readonly chunking?: ChunkSpec;
  readonly thresholds?: Readonly<Record<string, Threshold>>;
  /** Bootstrap resamples of the overall interval (0: none); default 1000. */
  readonly resamples?: number;
  readonly level?: number;
  readonly seed?: number;
  /** Dimensions added to every published point. */
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** One `driftwatch estimate`. */
export interface EstimationRequest {
  /** Labelled reference data the estimator is fitted on. */
  readonly reference: SourceSpec;
  /** Data to estimate on; labels, where present, are shown as realised values. */
  readonly data: SourceSpec;
  readonly columns: ModelDataRequest;
  readonly metrics?: readonly string[];
  /** Chunks of both sides; default 10 equal chunks. */
  readonly chunking?: ChunkSpec;
  readonly calibration?: 'auto' | 'always' | 'never';
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** Sinks that failed, with why. */
export interface Published {
  readonly failedSinks: readonly { readonly type: string; readonly reason: string }[];
  readonly publishedPoints: number;
}

const defaultChunking: ChunkSpec = { by: 'count', count: 10 };

/** Realised performance with labels (`metrics`) and CBPE estimates without them (`estimate`). */
@injectable()
export class PerformanceService {
  constructor(
    @inject(dataSourceFactoryToken) private readonly openSource: DataSourceFactory,
    @multiInject(metricsSinkToken) @optional() private readonly sinks: MetricsSink[] = [],
  ) {}

  /** Reads the model columns of both sides once, with one schema, and codes them. */
  private async read(
    data: SourceSpec,
    reference: SourceSpec | undefined,
    columns: ModelDataRequest,
  ): Promise<{ data: ModelData; reference?: ModelData }> {
    const frames = await readFrameSet(this.openSource, {
      ...(reference ? { reference } : {}),
      current: data,
      sourcePaths: { reference: 'reference', current: 'data' },
      model: columns,
    });
    return {
      data: modelDataFromFrame(frames.current, columns),
      ...(frames.reference ? { reference: modelDataFromFrame(frames.reference, { ...columns, targetOptional: false }) } : {}),
    };
  }

  /** Metrics over all labelled rows and per chunk, with intervals, sampling errors and thresholds; published to the sinks. */
  async evaluate(request: PerformanceRequest): Promise<{ report: PerformanceReport } & Published> {
    const { data, reference } = await this.read(request.data, request.reference, request.columns);
    if (reference && reference.task !== data.task) {
      throw new UsageError(`the reference holds a ${reference.task} model's outputs but the data a ${data.task} one; pass --task`);
    }
    const hasScores = data.task !== 'regression' && (data.classification.scores !== undefined || data.classification.proba !== undefined);
    const specs = (request.metrics && request.metrics.length > 0 ? request.metrics : defaultMetrics(data.task, hasScores)).map(
      parseMetricSpec,
    );
    const chunks = request.chunking ? chunkFrame(data.frame, request.chunking).chunks : undefined;
    const refChunks = reference && request.chunking ? chunkFrame(reference.frame, request.chunking).chunks : undefined;
    const resamples = request.resamples ?? 1000;
    const report = evaluatePerformance(data, {
      metrics: specs,
      ...(chunks ? { chunks } : {}),
      ...(reference && refChunks ? { reference: { data: reference, chunks: refChunks } } : {}),
      ...(request.thresholds ? { thresholds: request.thresholds } : {}),
      interval: resamples > 0 ? { resamples, level: request.level ?? 0.95, seed: request.seed ?? 0 } : false,
      seed: request.seed ?? 0,
    });
    const placement = request.chunking ? { chunking: request.chunking } : {};
    return { report, ...(await this.publish(performancePoints(report, request.dimensions, placement))) };
  }

  /** CBPE: fitted on the labelled reference, estimates per chunk of the data. */
  async estimate(request: EstimationRequest): Promise<{ report: EstimationReport } & Published> {
    const { data, reference } = await this.read(request.data, request.reference, { ...request.columns, targetOptional: true });
    const report = estimatePerformance(reference as ModelData, data, {
      ...(request.metrics ? { metrics: request.metrics } : {}),
      chunking: request.chunking ?? defaultChunking,
      ...(request.calibration ? { calibration: request.calibration } : {}),
    });
    return {
      report,
      ...(await this.publish(estimationPoints(report, request.dimensions, { chunking: request.chunking ?? defaultChunking }))),
    };
  }

  private async publish(points: MetricPoint[]): Promise<Published> {
    return { failedSinks: await publishToSinks(this.sinks, points), publishedPoints: points.length };
  }
}
