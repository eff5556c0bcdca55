import type { Column, Frame } from '@driftwatch/core';

/**
 * Frames read with one schema, one after another: numbers and times
 * concatenated, categorical codes re-mapped onto one merged dictionary.
 * Every frame must have the first one's columns, kinds and order (the
 * caller checks and names the offending object).
 */
export function concatFrames(frames: readonly Frame[], source: string): Frame {
  const rowCount = frames.reduce((n, f) => n + f.rowCount, 0);
  const columns = frames[0]!.columns.map((first, c) =>
    concatColumn(
      frames.map((f) => f.columns[c]!),
      rowCount,
      first,
    ),
  );
  return { rowCount, columns, source };
}

function concatColumn(parts: readonly Column[], rowCount: number, first: Column): Column {
  const invalid = parts.reduce((n, p) => n + p.invalid, 0);
  switch (first.kind) {
    case 'numeric':
    case 'datetime': {
      const values = new Float64Array(rowCount);
      let at = 0;
      for (const p of parts as (typeof first)[]) {
        values.set(p.values, at);
        at += p.values.length;
      }
      if (first.kind === 'datetime') return { ...first, values, invalid };
      // Finite when every part was; sorted parts do not make a sorted whole.
      const { sorted: _sorted, finite: _finite, ...rest } = first;
      const finite = (parts as (typeof first)[]).every((p) => p.kind === 'numeric' && p.finite === true);
      return { ...rest, values, invalid, ...(finite ? { finite: true } : {}) };
    }
    case 'embedding': {
      // Keep the readers' precision: Float64 vectors stay Float64 (Evidently's figures are computed in float64).
      const values = first.values instanceof Float64Array ? new Float64Array(rowCount * first.dim) : new Float32Array(rowCount * first.dim);
      let at = 0;
      for (const p of parts as (typeof first)[]) {
        values.set(p.values, at);
        at += p.values.length;
      }
      return { ...first, values, invalid };
    }
    case 'text':
      return { ...first, values: (parts as (typeof first)[]).flatMap((p) => p.values), invalid };
    case 'categorical':
    case 'boolean': {
      const dictionary: string[] = [];
      const index = new Map<string, number>();
      const codes = new Int32Array(rowCount);
      let at = 0;
      for (const p of parts as (typeof first)[]) {
        const remap = new Int32Array(p.dictionary.length);
        p.dictionary.forEach((value, i) => {
          let code = index.get(value);
          if (code === undefined) {
            code = dictionary.push(value) - 1;
            index.set(value, code);
          }
          remap[i] = code;
        });
        for (let i = 0; i < p.codes.length; i++) {
          const code = p.codes[i]!;
          codes[at++] = code < 0 ? -1 : remap[code]!;
        }
      }
      return { ...first, codes, dictionary, invalid };
    }
  }
}
