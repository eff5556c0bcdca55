import type { ColumnSpec, Schema } from '@driftwatch/core';
import type { DataSourceFactory } from '../composition/tokens.js';
import { isChampionReference, type MonitorConfig } from '../config/driftwatchConfigSchema.js';
import { mergeSchema } from './mergeSchema.js';

/**
 * The schema a monitor's data has, as its runs see it: inferred from the head of the reference
 * (the `initial` one of a reference that follows the champion) with the config's `schema.kinds`
 * laid over it, and the roles of `schema:` (target, prediction, probabilities, timestamp, id)
 * set. What the server validates ingested events against.
 */
export async function monitorSchema(openSource: DataSourceFactory, monitor: MonitorConfig, index: number): Promise<Schema> {
  const at = `monitors[${index}].reference`;
  const reference = monitor.reference;
  const source = isChampionReference(reference) ? await openSource(reference.initial, `${at}.initial`) : await openSource(reference, at);
  let inferred: Schema;
  try {
    inferred = await source.inferSchema();
  } finally {
    await source.close?.();
  }
  const kinds: Schema = { columns: Object.entries(monitor.schema.kinds).map(([name, kind]) => ({ name, kind })) };
  const merged = mergeSchema(inferred, kinds);
  const s = monitor.schema;
  const proba = (name: string) =>
    (s.proba !== undefined && name === s.proba) || (s.probaPrefix !== undefined && name.startsWith(s.probaPrefix));
  const columns = merged.columns.map((c): ColumnSpec => {
    if (c.name === s.target) return { ...c, role: 'target' };
    if (c.name === s.prediction) return { ...c, role: 'prediction' };
    if (proba(c.name)) return { ...c, role: 'probability' };
    if (c.name === s.timestamp) return { ...c, role: 'timestamp' };
    if (c.name === s.id) return { ...c, role: 'id' };
    if (s.ignore.includes(c.name)) return { ...c, role: 'ignored' };
    return c;
  });
  return { columns };
}
