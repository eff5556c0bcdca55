import { type ChunkSpec, ConfigError, type DriftEngine, getColumn, type MetricPoint } from '@driftwatch/core';
import { chunkFrame } from '@driftwatch/data';
import { chunkedMetricPoints, compareInChunks } from '@driftwatch/drift';
import {
  cbpeMetrics,
  estimatePerformance,
  estimationPoints,
  evaluatePerformance,
  getMetricDefinition,
  type ModelDataRequest,
  modelDataFromFrame,
  parseMetricSpec,
  performancePoints,
  type Threshold,
} from '@driftwatch/metrics';
import type { MonitorConfig, WindowsConfig } from '../config/driftwatchConfigSchema.js';
import { monitorDriftOptions } from '../pipeline/monitorDriftOptions.js';
import { sortableCopy } from '../pipeline/sortableCopy.js';
import type { MonitorExtension } from './MonitorExtension.js';

/** The chunking a monitor's `windows:` describe. */
export function windowChunking(windows: WindowsConfig, monitor: MonitorConfig): ChunkSpec {
  const timestamp = windows.timestamp ?? monitor.schema.timestamp;
  const ts = timestamp === undefined ? {} : { timestamp };
  if (windows.size !== undefined) return { by: 'size', size: windows.size, incomplete: windows.incomplete, ...ts };
  if (windows.count !== undefined) return { by: 'count', count: windows.count, ...ts };
  return { by: 'period', period: windows.period as NonNullable<WindowsConfig['period']>, timestamp: timestamp as string };
}

/** Per-metric thresholds of `performance.thresholds` (a bound on the bad side) and `performance.maxDrop`. */
function thresholdsOf(monitor: MonitorConfig, index: number): Record<string, Threshold> {
  const out: Record<string, Threshold> = {};
  const perf = monitor.performance;
  if (!perf) return out;
  for (const [metric, bound] of Object.entries(perf.thresholds)) {
    const name = metric.split(':')[0] as string;
    let higherIsBetter: boolean;
    try {
      higherIsBetter = getMetricDefinition(name).higherIsBetter;
    } catch (error) {
      throw new ConfigError(`monitors[${index}].performance.thresholds.${metric}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    out[metric] = higherIsBetter ? { type: 'constant', lower: bound } : { type: 'constant', upper: bound };
  }
  if (perf.maxDrop !== undefined) {
    for (const metric of perf.metrics) if (!(metric in out)) out[metric] = { type: 'maxDrop', drop: perf.maxDrop };
  }
  return out;
}

/**
 * The built-in monitor extension: model quality (`performance:`, realised
 * with labels and, with `estimate: true`, CBPE estimates) and windowed drift
 * (`windows:`), each per window with thresholds from the reference's windows.
 * Sections: `performance`, `estimation`, `windows`; points:
 * `performance.<metric>`, `estimated.<metric>`, and each window's drift and
 * quality points: by default one time series per figure (the window's start,
 * a `window` dimension), with `windows.chunkDimension` a `chunk` dimension.
 */
export function modelQualityExtension(engine: DriftEngine, monitors: readonly MonitorConfig[] = []): MonitorExtension {
  return async ({ monitor, report, reference, current }) => {
    const index = Math.max(
      0,
      monitors.findIndex((m) => m.name === monitor.name),
    );
    const sections: Record<string, unknown> = {};
    const points: MetricPoint[] = [];
    const chunking = monitor.windows ? windowChunking(monitor.windows, monitor) : undefined;
    const chunkDimension = monitor.windows?.chunkDimension ?? false;
    const perf = monitor.performance;
    if (perf) {
      const { target, prediction, proba, probaPrefix } = monitor.schema;
      if (target === undefined || prediction === undefined) {
        throw new ConfigError(`monitors[${index}].performance needs schema.target and schema.prediction`);
      }
      const request: ModelDataRequest = {
        target,
        prediction,
        task: perf.task === 'regression' ? 'regression' : 'auto',
        ...(proba !== undefined ? { proba } : {}),
        ...(probaPrefix !== undefined ? { probaPrefix } : {}),
      };
      for (const m of perf.metrics) parseMetricSpec(m);
      const refData = modelDataFromFrame(reference, request);
      const labelled = getColumn(current, target) !== undefined;
      const curData = modelDataFromFrame(current, { ...request, targetOptional: true });
      const refChunks = chunking ? chunkFrame(reference, chunking).chunks : undefined;
      const curChunks = chunking ? chunkFrame(current, chunking).chunks : undefined;
      if (labelled) {
        const performance = evaluatePerformance(curData, {
          metrics: perf.metrics.map(parseMetricSpec),
          ...(curChunks ? { chunks: curChunks } : {}),
          ...(refChunks ? { reference: { data: refData, chunks: refChunks } } : {}),
          thresholds: thresholdsOf(monitor, index),
          interval: { resamples: 200, level: 0.95, seed: monitor.drift.seed },
          generatedAt: report.generatedAt,
        });
        sections.performance = performance;
        points.push(...performancePoints(performance, {}, { ...(chunking ? { chunking } : {}), chunkDimension }));
      }
      if (perf.estimate && refData.task !== 'regression') {
        const cbpe = perf.metrics.map((m) => m.split(':')[0] as string).filter((m) => (cbpeMetrics as readonly string[]).includes(m));
        const estimationChunking = chunking ?? ({ by: 'count', count: 10 } as const);
        const estimation = estimatePerformance(refData, curData, {
          ...(cbpe.length > 0 ? { metrics: cbpe } : {}),
          chunking: estimationChunking,
          generatedAt: report.generatedAt,
        });
        sections.estimation = estimation;
        points.push(...estimationPoints(estimation, {}, { chunking: estimationChunking, chunkDimension }));
      }
    }
    if (chunking) {
      // Comparing sorts the reference's numeric columns in place: it gets a copy (retraining needs file order).
      const selected = report.columns.map((c) => c.column);
      const windows = compareInChunks(
        engine,
        sortableCopy(reference, selected),
        current,
        selected,
        chunking,
        monitorDriftOptions(monitor),
        true,
      );
      sections.windows = windows;
      points.push(...chunkedMetricPoints(windows, {}, { chunkDimension }));
    }
    return { sections, points };
  };
}
