import type { MetricPoint, MetricsSink } from '@driftwatch/core';

/** A sink that could not publish, and why. */
export interface SinkFailure {
  readonly type: string;
  readonly reason: string;
}

/**
 * Publishes `points` to every sink and flushes it, all at once; a failing
 * sink does not stop the others. Returns the sinks that failed.
 */
export async function publishToSinks(sinks: readonly MetricsSink[], points: readonly MetricPoint[]): Promise<SinkFailure[]> {
  const failed: SinkFailure[] = [];
  await Promise.all(
    sinks.map(async (sink) => {
      try {
        await sink.publish(points);
        await sink.flush();
      } catch (error) {
        failed.push({ type: sink.type, reason: (error as Error).message });
      }
    }),
  );
  return failed;
}
