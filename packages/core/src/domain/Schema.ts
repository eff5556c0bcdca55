import type { ColumnKind } from './ColumnKind.js';

/** What a column means to the monitored model. */
export type ColumnRole = 'feature' | 'target' | 'prediction' | 'probability' | 'timestamp' | 'id' | 'ignored';

/** One column of a schema. */
export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Defaults to `feature`. */
  readonly role?: ColumnRole;
}

/** Column kinds and roles: inferred from the data, overridable by a schema file or config. */
export interface Schema {
  readonly columns: readonly ColumnSpec[];
}

/** The columns whose role is `feature` (the default role). */
export function featureColumns(schema: Schema): ColumnSpec[] {
  return schema.columns.filter((c) => (c.role ?? 'feature') === 'feature');
}
