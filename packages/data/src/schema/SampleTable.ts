import type { ColumnKind } from '@driftwatch/core';

/** The head of a file, read to infer its schema. */
export interface SampleTable {
  /** Column names in file order. */
  readonly names: readonly string[];
  /** Sample values per column (`null` for missing); `undefined` for a column that needs no inference or has {@link inferred}. */
  readonly values: readonly (readonly (string | null)[] | undefined)[];
  /** Kinds already inferred from the values as the head was read (CSV, JSONL), by column. */
  readonly inferred?: readonly (ColumnKind | undefined)[];
  /** Kinds the file itself declares (Parquet's physical and logical types), by column. */
  readonly declared?: readonly (ColumnKind | undefined)[];
}
