import type { Frame, Schema } from '@driftwatch/core';
import { mergeSchema } from '../check/CheckService.js';
import type { DataSourceFactory } from '../composition/tokens.js';
import type { MonitorConfig } from '../config/driftwatchConfigSchema.js';

/** The kinds a monitor's `schema.kinds` forces. */
export function kindsSchema(monitor: MonitorConfig): Schema {
  return { columns: Object.entries(monitor.schema.kinds).map(([name, kind]) => ({ name, kind })) };
}

/**
 * Both sides of a monitor read with its schema, rows in file order (so
 * target, prediction and timestamp stay aligned): every column but
 * `schema.ignore`, timestamps as datetimes. Used by the monitor extensions
 * and by retraining's collecting step.
 */
export async function readMonitorFrames(
  openSource: DataSourceFactory,
  monitor: MonitorConfig,
): Promise<{ readonly reference: Frame; readonly current: Frame }> {
  const [reference, current] = await Promise.all([openSource(monitor.reference, 'reference'), openSource(monitor.current, 'current')]);
  const inferred = await reference.inferSchema();
  const ignore = new Set(monitor.schema.ignore);
  const timestamps = [monitor.schema.timestamp, monitor.windows?.timestamp].filter(
    (c): c is string => c !== undefined && !(c in monitor.schema.kinds),
  );
  const schema: Schema = mergeSchema(inferred, {
    columns: [
      ...kindsSchema(monitor).columns,
      ...timestamps.map((name) => ({ name, kind: 'datetime' as const, role: 'timestamp' as const })),
    ],
  });
  const readSchema: Schema = { columns: schema.columns.map((c) => (ignore.has(c.name) ? { ...c, role: 'ignored' as const } : c)) };
  const [ref, cur] = await Promise.all([reference.read({ schema: readSchema }), current.read({ schema: readSchema })]);
  return { reference: ref, current: cur };
}
