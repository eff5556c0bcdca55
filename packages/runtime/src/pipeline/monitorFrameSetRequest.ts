import type { Schema } from '@driftwatch/core';
import type { MonitorConfig } from '../config/driftwatchConfigSchema.js';
import type { FrameSetRequest } from './readFrameSet.js';

const defined = (c: string | undefined): c is string => c !== undefined;

/**
 * What one run of a monitor reads, once, for every step: both sides, every
 * column but `schema.ignore` (retraining trains on the whole rows), the
 * timestamps (`schema.timestamp`, `windows.timestamp`) as datetimes, and the
 * drift selection: `drift.columns` less the ignored, id and timestamp
 * columns (they always "drift"). Target and prediction stay in: their drift
 * is a signal of its own.
 */
export function monitorFrameSetRequest(monitor: MonitorConfig, index: number): FrameSetRequest {
  const { schema: s } = monitor;
  return {
    reference: monitor.reference,
    current: monitor.current,
    sourcePaths: { reference: `monitors[${index}].reference`, current: `monitors[${index}].current` },
    kinds: kindsSchema(monitor),
    drift: { columns: monitor.drift.columns, ignore: [...new Set([...s.ignore, ...[s.id, s.timestamp].filter(defined)])] },
    timestamps: [...new Set([s.timestamp, monitor.windows?.timestamp].filter(defined))],
    allColumnsBut: s.ignore,
  };
}

/** The kinds a monitor's `schema.kinds` forces. */
function kindsSchema(monitor: MonitorConfig): Schema {
  return { columns: Object.entries(monitor.schema.kinds).map(([name, kind]) => ({ name, kind })) };
}
