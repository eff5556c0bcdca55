import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Column,
  type Frame,
  getColumn,
  InputError,
  type NumericColumn,
  type Predictions,
  type RetrainingData,
} from '@driftwatch/core';
import { csvLine, readCsv, writeFileAtomic } from '@driftwatch/data';
import { csvCellWriter, numberText } from './csvCell.js';
import { type FrameRows, type SplitInput, splitTrainingData } from './splitTrainingData.js';

/** What {@link collectTrainingData} takes: the split settings and the folder to write into. */
export interface CollectInput extends SplitInput {
  /** Folder of `train.csv`, `holdout.csv` and, with `validation`, `validation.csv` (created when absent). */
  readonly outDir: string;
}

/** What {@link collectTrainingData} wrote, with the holdout labels the gate scores against. */
export type CollectedData = RetrainingData & {
  /**
   * `reference.csv`: the holdout rows with every column of the sides, the excluded ones too — the data
   * the version is validated on, as a monitor reads it (`reference: { from: champion }`); the
   * orchestrator writes the version's own predictions into it once they are known ({@link withPredictions}).
   */
  readonly referenceUri: string;
  /** The holdout's target, row by row: class names when the target was read as labels, values when numeric. */
  readonly holdoutLabels: readonly string[] | Float64Array;
};

const rowsPerChunk = 2048;

/** The CSV text of `sets`: a header, then one line per selected row (a column a frame lacks is empty). */
function* csvChunks(columns: readonly string[], sets: readonly FrameRows[]): Generator<string> {
  yield csvLine(columns);
  for (const { frame, rows } of sets) {
    const cells = columns.map((name) => {
      const column = getColumn(frame, name);
      return column ? csvCellWriter(column) : () => '';
    });
    let lines: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as number;
      lines.push(cells.map((cell) => cell(r)).join(','));
      if (lines.length === rowsPerChunk) {
        yield `${lines.join('\n')}\n`;
        lines = [];
      }
    }
    if (lines.length > 0) yield `${lines.join('\n')}\n`;
  }
}

/** A label as text (categories by name, numbers in their shortest form). */
function labelText(column: Column, r: number): string {
  switch (column.kind) {
    case 'categorical':
    case 'boolean':
      return column.dictionary[column.codes[r] as number] as string;
    case 'text':
      return column.values[r] ?? '';
    case 'numeric':
      return numberText(column.values[r] as number);
    case 'datetime':
      return new Date(column.values[r] as number).toISOString();
    case 'embedding':
      return '';
  }
}

/** The holdout's target: values when every holdout frame holds it as numbers, else class names. */
function targetValues(sets: readonly FrameRows[], target: string): readonly string[] | Float64Array {
  const columns = sets.map(({ frame }) => getColumn(frame, target) as Column);
  const total = sets.reduce((n, s) => n + s.rows.length, 0);
  if (columns.every((c) => c.kind === 'numeric')) {
    const out = new Float64Array(total);
    let k = 0;
    sets.forEach(({ rows }, s) => {
      const values = (columns[s] as NumericColumn).values;
      for (let i = 0; i < rows.length; i++) out[k++] = values[rows[i] as number] as number;
    });
    return out;
  }
  const out: string[] = [];
  sets.forEach(({ rows }, s) => {
    const column = columns[s] as Column;
    for (let i = 0; i < rows.length; i++) out.push(labelText(column, rows[i] as number));
  });
  return out;
}

/**
 * Splits the labelled rows into a training set and the latest-rows holdout (see `splitTrainingData`)
 * and writes both as CSV into `outDir`: `train.csv` and `holdout.csv` (and `validation.csv`, split from the
 * training rows, when `validation` is given; and `reference.csv`, see {@link CollectedData}), with a header, the same columns
 * (the target included), RFC 4180 quoting, each written atomically (temporary file + rename). Values
 * read back exactly with `@driftwatch/data`'s `readCsv` given the same column kinds: numbers in their
 * shortest round-trip form, datetimes as ISO-8601 UTC with milliseconds, categories by name, missing as
 * the empty field. (A category or text equal to a missing marker such as `NA` reads back as missing:
 * the readers treat those texts as missing, quoted or not.)
 */
export async function collectTrainingData(input: CollectInput): Promise<CollectedData> {
  const split = splitTrainingData(input);
  await mkdir(input.outDir, { recursive: true });
  const trainUri = join(input.outDir, 'train.csv');
  const holdoutUri = join(input.outDir, 'holdout.csv');
  await writeFileAtomic(trainUri, csvChunks(split.columns, split.train));
  await writeFileAtomic(holdoutUri, csvChunks(split.columns, split.holdout));
  // Every column, excluded ones too: the version's own reference data for a monitor that follows the champion.
  const referenceUri = join(input.outDir, 'reference.csv');
  await writeFileAtomic(referenceUri, csvChunks(allColumns(input), split.holdout));
  let validationUri: string | undefined;
  if (split.validationRows > 0) {
    validationUri = join(input.outDir, 'validation.csv');
    await writeFileAtomic(validationUri, csvChunks(split.columns, split.validation));
  }
  return {
    trainUri,
    trainRows: split.trainRows,
    ...(validationUri === undefined ? {} : { validationUri, validationRows: split.validationRows }),
    holdoutUri,
    holdoutRows: split.holdoutRows,
    newLabelledRows: split.newLabelledRows,
    holdoutLabels: targetValues(split.holdout, input.target),
    referenceUri,
  };
}

/** The model's output columns of a reference file, as the monitor names them. */
export interface OutputColumns {
  /** Predicted class or value. */
  readonly prediction?: string;
  /** Binary classification: the positive class's probability. */
  readonly proba?: string;
}

/**
 * Rewrites a reference file (atomically) with a version's own outputs in its prediction and probability
 * columns (added when absent; a column the predictions lack is left as it was): what a monitor that
 * follows the champion measures the serving version's quality against.
 */
export async function withPredictions(uri: string, outputs: OutputColumns, predictions: Predictions): Promise<void> {
  const frame = await readCsv(uri, { format: 'csv' });
  if (frame.rowCount !== predictions.rows)
    throw new InputError('INPUT_INVALID_VALUE', `${uri}: ${frame.rowCount} rows, but ${predictions.rows} predictions`, {
      location: { file: uri },
    });
  const replaced = new Map<string, Column>();
  if (outputs.prediction !== undefined) {
    const name = outputs.prediction;
    if (predictions.labels) replaced.set(name, { kind: 'text', name, values: [...predictions.labels], invalid: 0 } as Column);
    else if (predictions.values) replaced.set(name, { kind: 'numeric', name, values: predictions.values, invalid: 0 } as Column);
  }
  if (outputs.proba !== undefined && predictions.scores) {
    const name = outputs.proba;
    replaced.set(name, { kind: 'numeric', name, values: predictions.scores, invalid: 0 } as Column);
  }
  if (replaced.size === 0) return;
  const columns = frame.columns.map((c) => replaced.get(c.name) ?? c);
  for (const [name, column] of replaced) if (!frame.columns.some((c) => c.name === name)) columns.push(column);
  const out: Frame = { ...frame, columns };
  await writeFileAtomic(
    uri,
    csvChunks(
      columns.map((c) => c.name),
      [{ frame: out, rows: Int32Array.from({ length: frame.rowCount }, (_, i) => i) }],
    ),
  );
}

/** The columns of every side that trains, in order of first appearance, none left out. */
function allColumns(input: SplitInput): string[] {
  const seen = new Set<string>();
  for (const { side, frame } of input.sides)
    if (side === 'current' || input.include.includes(side)) for (const c of frame.columns) seen.add(c.name);
  return [...seen];
}
