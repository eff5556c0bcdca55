import { type ColumnSpec, type Frame, getColumn, InputError, type Schema, UsageError } from '@driftwatch/core';
import { type ClassificationColumns, classificationColumns, type ModelColumns } from './modelColumns.js';

/** The kind of model whose outputs are read. `auto` decides from the target column. */
export type ModelTask = 'auto' | 'binary' | 'multiclass' | 'regression';

/** What to read from a source for performance metrics or estimation. */
export interface ModelDataRequest extends ModelColumns {
  readonly task?: ModelTask;
  /** A datetime column for calendar windows. */
  readonly timestamp?: string;
  /** The target may be absent (estimation without labels). */
  readonly targetOptional?: boolean;
  readonly strict?: boolean;
}

/** The model's columns, read and coded. */
export type ModelData =
  | { readonly task: 'binary' | 'multiclass'; readonly frame: Frame; readonly classification: ClassificationColumns }
  | { readonly task: 'regression'; readonly frame: Frame; readonly yTrue: Float64Array; readonly yPred: Float64Array };

/** At most this many distinct integer targets make `auto` read a numeric target as class labels. */
const maxAutoClasses = 20;

function integerLabels(values: Float64Array): boolean {
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) continue;
    if (!Number.isInteger(v)) return false;
    if (!seen.has(v)) {
      seen.add(v);
      if (seen.size > maxAutoClasses) return false;
    }
  }
  return true;
}

/**
 * The column specs a model's evaluation reads, decided from one head: labels
 * as categorical for classification, numbers for regression, scores as
 * numbers, the timestamp as datetime. With `task: 'auto'` a numeric target
 * is read as numbers first (classification recodes up to 20 distinct integer
 * values as labels, see {@link modelDataFromFrame}). `names` are the columns
 * of each side, checked here so a missing one is named with its flag; the
 * reference (when `hasReference`) must hold the target.
 */
export function modelColumnSpecs(
  head: Schema,
  request: ModelDataRequest,
  sides: readonly { readonly uri: string; readonly names: readonly string[]; readonly targetRequired: boolean }[],
): ColumnSpec[] {
  for (const side of sides) {
    const has = new Set(side.names);
    const requireName = (name: string, flag: string) => {
      if (!has.has(name)) {
        throw new InputError('INPUT_UNKNOWN_COLUMN', `${side.uri}: no column "${name}" (${flag}); columns: ${side.names.join(', ')}`, {
          location: { file: side.uri },
        });
      }
    };
    if (side.targetRequired) requireName(request.target, '--target');
    requireName(request.prediction, '--prediction');
    if (request.proba !== undefined) requireName(request.proba, '--proba');
    if (request.timestamp !== undefined) requireName(request.timestamp, '--timestamp');
  }
  if (request.proba !== undefined && request.probaPrefix !== undefined) throw new UsageError('give --proba or --proba-prefix, not both');
  const byName = new Map(head.columns.map((c) => [c.name, c]));
  const probaNames = request.probaPrefix
    ? head.columns
        .filter((c) => c.name.startsWith(request.probaPrefix as string) && c.name !== request.prediction && c.name !== request.target)
        .map((c) => c.name)
    : request.proba !== undefined
      ? [request.proba]
      : [];

  const task = taskOf(request);
  const labelKind = byName.get(request.target)?.kind ?? byName.get(request.prediction)?.kind;
  const numericTarget = labelKind === 'numeric';
  // Numeric targets are read as numbers first; classification recodes them as labels.
  const labelReadKind = task === 'regression' || (task === 'auto' && numericTarget) ? 'numeric' : 'categorical';
  const columns: ColumnSpec[] = [
    { name: request.target, kind: labelReadKind, role: 'target' },
    { name: request.prediction, kind: labelReadKind, role: 'prediction' },
  ];
  for (const name of probaNames) columns.push({ name, kind: 'numeric', role: 'probability' });
  if (request.timestamp !== undefined) columns.push({ name: request.timestamp, kind: 'datetime', role: 'timestamp' });
  return columns;
}

/** The task asked for; `auto` with a probability prefix means multiclass. */
function taskOf(request: ModelDataRequest): ModelTask {
  const task = request.task ?? 'auto';
  return task === 'auto' && request.probaPrefix !== undefined ? 'multiclass' : task;
}

/**
 * Codes a frame's model columns (read with any kinds: numeric labels become
 * class labels, text labels stay): with `task: 'auto'`, a numeric target with
 * at most 20 distinct integer values (or any probability column) means
 * classification, any other numeric target regression.
 */
export function modelDataFromFrame(frame: Frame, request: ModelDataRequest): ModelData {
  const task = taskOf(request);
  const target = getColumn(frame, request.target);
  const prediction = getColumn(frame, request.prediction);
  if (prediction === undefined) {
    throw new InputError('INPUT_UNKNOWN_COLUMN', `${frame.source}: no prediction column "${request.prediction}"`, {
      location: { file: frame.source },
    });
  }
  if (target === undefined && !request.targetOptional) {
    throw new InputError('INPUT_UNKNOWN_COLUMN', `${frame.source}: no target column "${request.target}"`, {
      location: { file: frame.source },
    });
  }
  const hasProba = request.proba !== undefined || request.probaPrefix !== undefined;
  const numericLabels = prediction.kind === 'numeric' && (target === undefined || target.kind === 'numeric');
  let columns = frame.columns;
  if (numericLabels) {
    const yTrue = target?.kind === 'numeric' ? target.values : new Float64Array(frame.rowCount).fill(Number.NaN);
    const yPred = prediction.values;
    if (task === 'regression' || (task === 'auto' && !hasProba && !(integerLabels(yTrue) && integerLabels(yPred)))) {
      return { task: 'regression', frame, yTrue, yPred };
    }
    columns = columns.map((c) =>
      (c.name === request.target || c.name === request.prediction) && c.kind === 'numeric' ? numbersAsLabels(c.name, c.values) : c,
    );
  } else if (task === 'regression') {
    throw new InputError('INPUT_INVALID_VALUE', `${frame.source}: regression needs numeric target and prediction columns`, {
      location: { file: frame.source },
    });
  } else {
    // Labels read as text on one side and as numbers on the other: both as text.
    columns = columns.map((c) =>
      (c.name === request.target || c.name === request.prediction) && c.kind === 'numeric' ? numbersAsLabels(c.name, c.values) : c,
    );
  }
  if (target === undefined) {
    columns = [
      ...columns,
      { kind: 'categorical' as const, name: request.target, codes: new Int32Array(frame.rowCount).fill(-1), dictionary: [], invalid: 0 },
    ];
  }
  const classification = classificationColumns({ ...frame, columns }, request, task === 'auto' ? 'auto' : task);
  return { task: classification.positive === undefined ? 'multiclass' : 'binary', frame, classification };
}

/** Numbers as class labels, written as JavaScript prints them (`1`, not `1.0`). */
function numbersAsLabels(name: string, values: Float64Array) {
  const dictionary: string[] = [];
  const index = new Map<number, number>();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.length;
      index.set(v, code);
      dictionary.push(String(v));
    }
    codes[i] = code;
  }
  return { kind: 'categorical' as const, name, codes, dictionary, invalid: 0 };
}
