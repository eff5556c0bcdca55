import { type Attributes, ValueType } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  type DataPoint,
  DataPointType,
  type GaugeMetricData,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';

/** A point ready for OTLP: metric name, unit, description, attributes, value and time. */
export interface OtlpPoint {
  readonly name: string;
  /** UCUM unit (`1`, `{count}`, `%`, `s`, `ms`). */
  readonly unit: string;
  readonly description: string;
  readonly attributes: Attributes;
  readonly value: number;
  /** Epoch milliseconds of the figure (the point's own timestamp). */
  readonly timeMs: number;
}

/** The instrumentation scope the sink's metrics are reported under. */
export const otlpScope = { name: '@driftwatch/plugin-opentelemetry', version: '0.1.0' } as const;

/**
 * The SDK's `ResourceMetrics` for `points`: one gauge per metric name (and unit), its data points
 * in time order, each with its own timestamp as both start and end time (a gauge's start time
 * is optional in OTLP; the point's time is its `time_unix_nano`), double values.
 */
export function toResourceMetrics(resource: Resource, points: readonly OtlpPoint[]): ResourceMetrics {
  const byMetric = new Map<string, { first: OtlpPoint; dataPoints: DataPoint<number>[] }>();
  for (const p of points) {
    const key = `${p.name}\u0000${p.unit}`;
    let metric = byMetric.get(key);
    if (!metric) {
      metric = { first: p, dataPoints: [] };
      byMetric.set(key, metric);
    }
    const time = millisToHrTime(p.timeMs);
    metric.dataPoints.push({ startTime: time, endTime: time, attributes: p.attributes, value: p.value });
  }
  const metrics: GaugeMetricData[] = [...byMetric.values()].map(({ first, dataPoints }) => ({
    descriptor: { name: first.name, description: first.description, unit: first.unit, valueType: ValueType.DOUBLE },
    aggregationTemporality: AggregationTemporality.CUMULATIVE,
    dataPointType: DataPointType.GAUGE,
    dataPoints: dataPoints.sort((a, b) => a.endTime[0] - b.endTime[0] || a.endTime[1] - b.endTime[1]),
  }));
  return { resource, scopeMetrics: [{ scope: otlpScope, metrics }] };
}
