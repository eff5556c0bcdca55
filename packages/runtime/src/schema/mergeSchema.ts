import type { ColumnSpec, Schema } from '@driftwatch/core';

/** The inferred schema with the user's column specs laid over it; user columns not inferred are kept (the reader reports them). */
export function mergeSchema(inferred: Schema, override: Schema | undefined): Schema {
  if (!override) return inferred;
  const byName = new Map<string, ColumnSpec>(override.columns.map((c) => [c.name, c]));
  const columns = inferred.columns.map((c) => {
    const o = byName.get(c.name);
    return o ? { ...c, ...o } : c;
  });
  for (const o of override.columns) if (!inferred.columns.some((c) => c.name === o.name)) columns.push(o);
  return { columns };
}
