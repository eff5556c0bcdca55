import type { Column, Frame } from '@driftwatch/core';

/** A column as the generator scripts write it: numbers or strings, `null` for missing. */
export interface FixtureColumn {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  readonly values: readonly (number | string | null)[];
}

/** The {@link Frame} of fixture columns: numeric as `Float64Array` (NaN missing), categorical dictionary-encoded in order of appearance. */
export function fixtureFrame(columns: readonly FixtureColumn[], source: string): Frame {
  const built: Column[] = columns.map((c) => {
    if (c.kind === 'numeric') {
      return { kind: 'numeric', name: c.name, values: Float64Array.from(c.values, (v) => (v === null ? Number.NaN : (v as number))), invalid: 0 };
    }
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    const codes = Int32Array.from(c.values, (v) => {
      if (v === null) return -1;
      const s = String(v);
      let code = index.get(s);
      if (code === undefined) {
        code = dictionary.length;
        index.set(s, code);
        dictionary.push(s);
      }
      return code;
    });
    return { kind: 'categorical', name: c.name, codes, dictionary, invalid: 0 };
  });
  return { rowCount: columns[0]?.values.length ?? 0, columns: built, source };
}
