import type { ColumnSpec, Schema } from '@driftwatch/core';
import { inputError } from '../errors/inputError.js';
import { listedNames, shortName } from '../errors/shortName.js';
import { inferKind } from './inferKind.js';
import type { SampleTable } from './SampleTable.js';

/**
 * The schema of `file` from its head: the columns of `override` as given,
 * the others declared by the file (Parquet) or inferred by {@link inferKind}.
 * Columns keep the file's order. A column of `override` that the file lacks
 * is `INPUT_UNKNOWN_COLUMN`.
 */
export function inferSchema(file: string, sample: SampleTable, override?: Schema): Schema {
  const given = new Map<string, ColumnSpec>();
  for (const c of override?.columns ?? []) given.set(c.name, c);
  const present = new Set(sample.names);
  for (const name of given.keys()) {
    if (!present.has(name)) {
      throw inputError(
        'INPUT_UNKNOWN_COLUMN',
        { file, field: name },
        `column ${shortName(name)} of the schema is not in the file (its columns: ${listedNames(sample.names)})`,
      );
    }
  }
  return {
    columns: sample.names.map((name, i): ColumnSpec => {
      const spec = given.get(name);
      if (spec) return spec;
      return { name, kind: sample.declared?.[i] ?? sample.inferred?.[i] ?? inferKind(sample.values[i] ?? []) };
    }),
  };
}

/** Which columns of a header need sample values: those `override` does not give. */
export function columnsToInfer(names: readonly string[], override?: Schema): boolean[] {
  const given = new Set((override?.columns ?? []).map((c) => c.name));
  return names.map((n) => !given.has(n));
}
