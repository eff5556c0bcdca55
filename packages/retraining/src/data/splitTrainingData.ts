import { type Column, type Frame, getColumn, InputError } from '@driftwatch/core';

/** One monitor side's frame, in file order. */
export interface SideFrame {
  readonly side: 'reference' | 'current';
  readonly frame: Frame;
}

/** What {@link splitTrainingData} (and `collectTrainingData`) take. */
export interface SplitInput {
  /** The monitor's sides, frames in file order (a side may come as several frames, in order). */
  readonly sides: readonly SideFrame[];
  /** The label column; unlabelled rows (target missing) are dropped from both sets. */
  readonly target: string;
  /** Sides whose labelled rows train the challenger (the holdout rows of `current` never do). */
  readonly include: readonly ('reference' | 'current')[];
  /**
   * The holdout: the latest round(fraction × labelled current rows) labelled current rows, at least `minRows`;
   * an `InputError` when the current data has fewer than `minRows` labelled rows.
   */
  readonly holdout: { readonly fraction: number; readonly minRows: number };
  /** Columns never written (names absent from the data are ignored; the target is always kept). */
  readonly exclude: readonly string[];
  /**
   * Optional datetime (or numeric) column of the current data: the holdout is the latest rows by it, ties
   * and rows without a time (taken as the oldest) by file order. Without it: the last rows in file order.
   */
  readonly timestamp?: string;
  /**
   * A validation set for the trainer, taken from the training rows only (never from the holdout): the last
   * round(fraction × training rows) of them, in the order of the training set (reference first, then the
   * current rows by file order), at least one, never all. Absent: no validation set.
   */
  readonly validation?: { readonly fraction: number };
}

/** Rows of one frame that go to a set, ascending (file order). */
export interface FrameRows {
  readonly frame: Frame;
  readonly rows: Int32Array;
}

/** The row selections of a training set and its holdout, nothing written. */
export interface TrainingSplit {
  /** Columns of both files, in order of first appearance across the frames (minus `exclude`). */
  readonly columns: readonly string[];
  /** Training rows, frame by frame in the order of `sides`. */
  readonly train: readonly FrameRows[];
  /** Holdout rows (current frames only), in file order. */
  readonly holdout: readonly FrameRows[];
  /** Validation rows for the trainer, split from the training rows (so never a holdout row); empty without `validation`. */
  readonly validation: readonly FrameRows[];
  readonly trainRows: number;
  /** 0 without `validation`. */
  readonly validationRows: number;
  readonly holdoutRows: number;
  /** Labelled rows of the current data (the `minNewRows` guard counts these). */
  readonly newLabelledRows: number;
}

function missingColumn(frame: Frame, name: string, role: string): never {
  throw new InputError(
    'INPUT_UNKNOWN_COLUMN',
    `${frame.source}: no ${role} column "${name}" (columns: ${frame.columns.map((c) => c.name).join(', ')})`,
    { location: { file: frame.source } },
  );
}

/** Whether each row has a label. */
function labelled(column: Column, frame: Frame): Uint8Array {
  const source = frame.source;
  const out = new Uint8Array(frame.rowCount);
  switch (column.kind) {
    case 'numeric':
    case 'datetime':
      for (let i = 0; i < out.length; i++) out[i] = Number.isNaN(column.values[i] as number) ? 0 : 1;
      return out;
    case 'categorical':
    case 'boolean':
      for (let i = 0; i < out.length; i++) out[i] = (column.codes[i] as number) < 0 ? 0 : 1;
      return out;
    case 'text':
      for (let i = 0; i < out.length; i++) out[i] = column.values[i] == null ? 0 : 1;
      return out;
    case 'embedding':
      throw new InputError('INPUT_INVALID_VALUE', `${source}: target column "${column.name}" is an embedding, not labels`, {
        location: { file: source },
      });
  }
}

function timesOf(frame: Frame, name: string): Float64Array {
  const column = getColumn(frame, name) ?? missingColumn(frame, name, 'timestamp');
  if (column.kind !== 'datetime' && column.kind !== 'numeric')
    throw new InputError('INPUT_INVALID_VALUE', `${frame.source}: timestamp column "${name}" must be a datetime, not ${column.kind}`, {
      location: { file: frame.source },
    });
  return column.values;
}

/**
 * Chooses the training and holdout rows (see {@link SplitInput}) without writing anything: what
 * `collectTrainingData` writes and what a dry run reports. Throws an `InputError` naming the column
 * and side when the target is missing, the current data has no labels, the holdout would be smaller
 * than `minRows` or the training set would be empty.
 */
export function splitTrainingData(input: SplitInput): TrainingSplit {
  const { target } = input;
  const used = input.sides.filter((s) => s.side === 'current' || input.include.includes(s.side));
  const current = used.filter((s) => s.side === 'current');
  if (current.length === 0) throw new InputError('INPUT_NO_ROWS', 'the holdout needs labels, but no current data was given');
  const labels = used.map(({ frame }) => labelled(getColumn(frame, target) ?? missingColumn(frame, target, 'target'), frame));

  // Labelled current rows as (frame index into `used`, row), in file order, with their times.
  const candidates: { f: number; r: number; t: number; order: number }[] = [];
  used.forEach((s, f) => {
    if (s.side !== 'current') return;
    const times = input.timestamp === undefined ? undefined : timesOf(s.frame, input.timestamp);
    const l = labels[f] as Uint8Array;
    for (let r = 0; r < l.length; r++) if (l[r]) candidates.push({ f, r, t: times ? (times[r] as number) : 0, order: candidates.length });
  });
  const labelledCurrent = candidates.length;
  if (labelledCurrent === 0)
    throw new InputError('INPUT_NO_ROWS', `the holdout needs labels: column ${target} is empty in the current data`);
  const { fraction, minRows } = input.holdout;
  if (labelledCurrent < minRows)
    throw new InputError(
      'INPUT_NO_ROWS',
      `the holdout needs at least ${minRows} labelled rows (holdout.minRows), but column ${target} of the current data has ${labelledCurrent}`,
    );
  const size = Math.min(labelledCurrent, Math.max(minRows, Math.round(fraction * labelledCurrent)));
  if (input.timestamp !== undefined) {
    // Oldest first; a row without a time counts as the oldest; ties keep file order.
    candidates.sort((a, b) => {
      const ta = Number.isNaN(a.t) ? Number.NEGATIVE_INFINITY : a.t;
      const tb = Number.isNaN(b.t) ? Number.NEGATIVE_INFINITY : b.t;
      return ta < tb ? -1 : ta > tb ? 1 : a.order - b.order;
    });
  }
  const inHoldout = used.map(({ frame }) => new Uint8Array(frame.rowCount));
  for (let i = labelledCurrent - size; i < labelledCurrent; i++) {
    const c = candidates[i] as (typeof candidates)[number];
    (inHoldout[c.f] as Uint8Array)[c.r] = 1;
  }

  const train: FrameRows[] = [];
  const holdout: FrameRows[] = [];
  let trainRows = 0;
  used.forEach((s, f) => {
    const l = labels[f] as Uint8Array;
    const h = inHoldout[f] as Uint8Array;
    const trains = input.include.includes(s.side);
    const t: number[] = [];
    const o: number[] = [];
    for (let r = 0; r < l.length; r++) {
      if (!l[r]) continue;
      if (h[r]) o.push(r);
      else if (trains) t.push(r);
    }
    if (trains) train.push({ frame: s.frame, rows: Int32Array.from(t) });
    if (o.length > 0) holdout.push({ frame: s.frame, rows: Int32Array.from(o) });
    trainRows += t.length;
  });
  if (trainRows === 0)
    throw new InputError(
      'INPUT_NO_ROWS',
      `the training set is empty: no labelled rows in ${input.include.join(' and ')} besides the ${size} held out (column ${target})`,
    );

  const validation = input.validation === undefined ? [] : splitValidation(train, trainRows, input.validation.fraction);
  const validationRows = validation.reduce((n, v) => n + v.rows.length, 0);

  const excluded = new Set(input.exclude.filter((c) => c !== target));
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const { frame } of used)
    for (const c of frame.columns)
      if (!seen.has(c.name) && !excluded.has(c.name)) {
        seen.add(c.name);
        columns.push(c.name);
      }
  return {
    columns,
    train: validationRows === 0 ? train : withoutTail(train, validationRows),
    holdout,
    validation,
    trainRows: trainRows - validationRows,
    validationRows,
    holdoutRows: size,
    newLabelledRows: labelledCurrent,
  };
}

/** The last round(fraction × trainRows) training rows (at least 1, never all), frame by frame. */
function splitValidation(train: readonly FrameRows[], trainRows: number, fraction: number): FrameRows[] {
  let left = Math.min(trainRows - 1, Math.max(1, Math.round(fraction * trainRows)));
  const out: FrameRows[] = [];
  for (let i = train.length - 1; i >= 0 && left > 0; i--) {
    const { frame, rows } = train[i] as FrameRows;
    const take = Math.min(left, rows.length);
    if (take > 0) out.unshift({ frame, rows: rows.slice(rows.length - take) });
    left -= take;
  }
  return out;
}

/** `train` without its last `count` rows. */
function withoutTail(train: readonly FrameRows[], count: number): FrameRows[] {
  let left = count;
  const out: FrameRows[] = [];
  for (let i = train.length - 1; i >= 0; i--) {
    const { frame, rows } = train[i] as FrameRows;
    const drop = Math.min(left, rows.length);
    out.unshift({ frame, rows: rows.slice(0, rows.length - drop) });
    left -= drop;
  }
  return out;
}
