import type { Schema } from '@driftwatch/core';
import { isChampionReference, type MonitorConfig } from '../config/driftwatchConfigSchema.js';
import type { ResolvedReference } from '../retraining/resolveReference.js';
import type { FrameSetRequest } from './readFrameSet.js';

const defined = (c: string | undefined): c is string => c !== undefined;

/**
 * What one run of a monitor reads, once, for every step: both sides, every
 * column but `schema.ignore` (retraining trains on the whole rows), the
 * timestamps (`schema.timestamp`, `windows.timestamp`) as datetimes, and the
 * drift selection: `drift.columns` less the ignored, id and timestamp
 * columns (they always "drift"). Target and prediction stay in: their drift
 * is a signal of its own. `reference`: the reference resolved for this run (see `resolveReference`);
 * required when the monitor's reference follows the champion.
 */
export function monitorFrameSetRequest(monitor: MonitorConfig, index: number, reference?: ResolvedReference): FrameSetRequest {
  const { schema: s } = monitor;
  if (reference === undefined && isChampionReference(monitor.reference))
    throw new Error(`monitors[${index}].reference follows the champion: resolve it first (resolveReference)`);
  return {
    reference: reference?.spec ?? monitor.reference,
    current: monitor.current,
    sourcePaths: { reference: reference?.configPath ?? `monitors[${index}].reference`, current: `monitors[${index}].current` },
    kinds: kindsSchema(monitor),
    drift: { columns: monitor.drift.columns, ignore: [...new Set([...s.ignore, ...[s.id, s.timestamp].filter(defined)])] },
    timestamps: [...new Set([s.timestamp, monitor.windows?.timestamp].filter(defined))],
    allColumnsBut: s.ignore,
    ...(s.embeddings ? { embeddings: s.embeddings } : {}),
  };
}

/** The kinds a monitor's `schema.kinds` forces. */
function kindsSchema(monitor: MonitorConfig): Schema {
  return { columns: Object.entries(monitor.schema.kinds).map(([name, kind]) => ({ name, kind })) };
}
