import type { Column } from '@driftwatch/core';
import { quoteCsvField } from '@driftwatch/data';

/** A number as the shortest text that reads back to the same double (`-0` kept); missing (NaN) is empty. */
export function numberText(x: number): string {
  if (Number.isNaN(x)) return '';
  return Object.is(x, -0) ? '-0' : String(x);
}

/**
 * The text of a row's value in a column, quoted for CSV: numbers in their shortest round-trip form,
 * datetimes as ISO-8601 UTC with milliseconds, categories by name, text as is, embeddings as a JSON
 * array; missing values as the empty field.
 */
export function csvCellWriter(column: Column): (row: number) => string {
  switch (column.kind) {
    case 'numeric': {
      const values = column.values;
      return (r) => numberText(values[r] as number);
    }
    case 'datetime': {
      const values = column.values;
      return (r) => {
        const v = values[r] as number;
        return Number.isNaN(v) ? '' : new Date(v).toISOString();
      };
    }
    case 'categorical':
    case 'boolean': {
      const codes = column.codes;
      const names = column.dictionary.map(quoteCsvField);
      return (r) => {
        const c = codes[r] as number;
        return c < 0 ? '' : (names[c] as string);
      };
    }
    case 'text': {
      const values = column.values;
      return (r) => {
        const v = values[r];
        return v === null || v === undefined ? '' : quoteCsvField(v);
      };
    }
    case 'embedding': {
      const { dim, values } = column;
      return (r) => quoteCsvField(JSON.stringify(Array.from(values.subarray(r * dim, r * dim + dim))));
    }
  }
}
