import { type CategoricalColumn, type Column, type Frame, getColumn, InputError, UsageError } from '@driftwatch/core';

/** Which columns hold the model's labels, predictions and scores. */
export interface ModelColumns {
  readonly target: string;
  readonly prediction: string;
  /** Binary: the column with the positive class's probability. */
  readonly proba?: string;
  /** Multiclass: columns `<prefix><class>` with each class's probability. */
  readonly probaPrefix?: string;
  /** Binary: the label of the positive class (default `1`, `true` or `yes` when present). */
  readonly positive?: string;
}

/** Labels, predictions and scores as class codes, ready for the metrics. */
export interface ClassificationColumns {
  /** Class labels in scikit-learn's order (numeric when every label is a number, else code-point order). */
  readonly classes: readonly string[];
  /** Class code per row; `-1` where the label is missing (not yet known). */
  readonly yTrue: Int32Array;
  /** Class code per row; `-1` where the prediction is missing. */
  readonly yPred: Int32Array;
  /** Binary: index of the positive class in {@link classes}. */
  readonly positive?: number;
  /** Binary: positive-class probability per row (`NaN` missing). */
  readonly scores?: Float64Array;
  /** Multiclass: rows × classes probabilities, row-major. */
  readonly proba?: Float64Array;
}

/** Labels taken as the positive class of a binary model when none is named. */
export const positiveLabelDefaults: readonly string[] = ['1', '1.0', 'true', 'True', 'TRUE', 'yes', 'Yes', 'YES'];

function labelsOf(column: Column, source: string): CategoricalColumn {
  if (column.kind === 'categorical' || column.kind === 'boolean') return column;
  throw new InputError(
    'INPUT_INVALID_VALUE',
    `${source}: column "${column.name}" must be read as labels (categorical), not ${column.kind}`,
    {
      location: { file: source },
    },
  );
}

function requireColumn(frame: Frame, name: string, role: string): Column {
  const column = getColumn(frame, name);
  if (column === undefined) {
    throw new InputError(
      'INPUT_UNKNOWN_COLUMN',
      `${frame.source}: no ${role} column "${name}" (columns: ${frame.columns.map((c) => c.name).join(', ')})`,
      { location: { file: frame.source } },
    );
  }
  return column;
}

/** scikit-learn's label order: `np.unique` over numbers when every label is one, else over strings. */
export function sortLabels(labels: Iterable<string>): string[] {
  const unique = [...new Set(labels)];
  const numbers = unique.map(Number);
  if (unique.every((l, i) => l.trim() !== '' && Number.isFinite(numbers[i]))) {
    return unique
      .map((l, i) => [l, numbers[i] as number] as const)
      .sort((a, b) => a[1] - b[1])
      .map(([l]) => l);
  }
  return unique.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function recode(column: CategoricalColumn, index: ReadonlyMap<string, number>): Int32Array {
  const map = Int32Array.from(column.dictionary, (label) => index.get(label) ?? -1);
  const out = new Int32Array(column.codes.length);
  const codes = column.codes;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    out[i] = c < 0 ? -1 : (map[c] as number);
  }
  return out;
}

function numericValues(frame: Frame, name: string, role: string): Float64Array {
  const column = requireColumn(frame, name, role);
  if (column.kind !== 'numeric') {
    throw new InputError(
      'INPUT_INVALID_VALUE',
      `${frame.source}: ${role} column "${name}" must be numeric probabilities, not ${column.kind}`,
      {
        location: { file: frame.source },
      },
    );
  }
  // Checked once here, where the file is known, so every metric (not only log_loss) refuses a score of 1.7.
  const values = column.values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!(v >= 0 && v <= 1) && v === v) {
      throw new InputError(
        'INPUT_INVALID_VALUE',
        `${frame.source}: row ${i + 1}: ${role} column "${name}": ${v} is not a probability in [0, 1]`,
        { location: { file: frame.source, field: name } },
      );
    }
  }
  return values;
}

/**
 * Builds class codes for target and prediction (one class list for both,
 * plus the classes named by probability columns) and gathers the scores.
 * The frame must have read target and prediction as categorical columns.
 */
export function classificationColumns(
  frame: Frame,
  columns: ModelColumns,
  task: 'binary' | 'multiclass' | 'auto' = 'auto',
): ClassificationColumns {
  const target = labelsOf(requireColumn(frame, columns.target, 'target'), frame.source);
  const prediction = labelsOf(requireColumn(frame, columns.prediction, 'prediction'), frame.source);
  const probaColumns = columns.probaPrefix
    ? frame.columns.filter(
        (c) => c.name.startsWith(columns.probaPrefix as string) && c.name.length > (columns.probaPrefix as string).length,
      )
    : [];
  if (columns.probaPrefix && probaColumns.length === 0) {
    throw new InputError('INPUT_UNKNOWN_COLUMN', `${frame.source}: no columns start with the probability prefix "${columns.probaPrefix}"`, {
      location: { file: frame.source },
    });
  }
  const prefixLength = columns.probaPrefix?.length ?? 0;
  const classes = sortLabels([...target.dictionary, ...prediction.dictionary, ...probaColumns.map((c) => c.name.slice(prefixLength))]);
  const index = new Map(classes.map((label, i) => [label, i]));
  const yTrue = recode(target, index);
  const yPred = recode(prediction, index);
  const binary = task === 'binary' || (task === 'auto' && classes.length <= 2 && columns.probaPrefix === undefined);
  if (!binary) {
    if (columns.proba !== undefined) {
      throw new UsageError(`--proba names one score column, which fits a binary model; ${classes.length} classes need --proba-prefix`);
    }
    let proba: Float64Array | undefined;
    if (probaColumns.length > 0) {
      const rows = frame.rowCount;
      const k = classes.length;
      proba = new Float64Array(rows * k);
      for (const c of probaColumns) {
        const j = index.get(c.name.slice(prefixLength)) as number;
        const values = numericValues(frame, c.name, 'probability');
        for (let i = 0; i < rows; i++) proba[i * k + j] = values[i] as number;
      }
      // Classes without a probability column have probability 0.
    }
    return { classes, yTrue, yPred, ...(proba ? { proba } : {}) };
  }
  if (classes.length > 2) {
    throw new InputError(
      'INPUT_INVALID_VALUE',
      `${frame.source}: --task binary, but the labels hold ${classes.length} classes: ${classes.slice(0, 10).join(', ')}`,
      {
        location: { file: frame.source },
      },
    );
  }
  let positive: number;
  if (columns.positive !== undefined) {
    const p = index.get(columns.positive);
    if (p === undefined) throw new UsageError(`--positive "${columns.positive}" is not one of the labels (${classes.join(', ')})`);
    positive = p;
  } else {
    const found = classes.findIndex((c) => positiveLabelDefaults.includes(c));
    if (found < 0) throw new UsageError(`cannot tell the positive class among ${classes.join(', ')}; name it with --positive LABEL`);
    positive = found;
  }
  let scores: Float64Array | undefined;
  if (columns.proba !== undefined) scores = numericValues(frame, columns.proba, 'probability');
  else if (probaColumns.length > 0) {
    const column = probaColumns.find((c) => c.name.slice(prefixLength) === classes[positive]);
    if (column === undefined)
      throw new UsageError(`no probability column "${columns.probaPrefix}${classes[positive]}" for the positive class`);
    scores = numericValues(frame, column.name, 'probability');
  }
  return { classes, yTrue, yPred, positive, ...(scores ? { scores } : {}) };
}
