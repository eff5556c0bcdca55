import {
  DriftwatchError,
  type ErrorCode,
  errorCodes,
  fieldsWithoutValues,
  InputError,
  type InputLocation,
  type ScaledDecimals,
  scaledNumericColumn,
} from '@driftwatch/core';
import type { DataReadOptions } from '../DataReadOptions.js';
import type { ReadColumn, ReadFrame } from '../ReadFrame.js';

/** The read options a worker thread can be given: the cloneable ones (no input handle, signal or callback). */
export type WorkerReadOptions = Omit<DataReadOptions, 'input' | 'signal' | 'onProgress'>;

/** What `readFileWorker` reads (the one message it is posted). */
export interface ReadFileJob {
  readonly file: string;
  readonly options: WorkerReadOptions;
}

/** An error of the worker's read, as plain data (an `Error`'s own fields do not survive a message). */
export interface ReadFileFailure {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly location?: InputLocation;
}

/** The worker's messages: progress now and then, then the frame or the failure. */
export type ReadFileReply =
  | { readonly type: 'progress'; readonly bytesRead: number; readonly totalBytes: number | undefined }
  | { readonly type: 'done'; readonly frame: ReadFrame }
  | { readonly type: 'failed'; readonly error: ReadFileFailure };

/**
 * The frame as a message: a scaled numeric column travels as its integers (`scaled`, enumerable here),
 * without `values`, which a structured clone would read and so decode.
 */
export function frameMessage(frame: ReadFrame): ReadFrame {
  const columns = frame.columns.map((column) => {
    if (column.kind !== 'numeric' || column.scaled === undefined) return column;
    return { ...fieldsWithoutValues(column), scaled: column.scaled } as unknown as ReadColumn;
  });
  return { ...frame, columns };
}

/** The frame a {@link frameMessage} carried: its scaled columns are scaled columns again. */
export function frameFromMessage(frame: ReadFrame): ReadFrame {
  const columns = frame.columns.map((column) => {
    if (column.kind !== 'numeric' || 'values' in column) return column;
    const { scaled, ...fields } = column as Omit<Extract<ReadColumn, { kind: 'numeric' }>, 'values'> & { scaled: ScaledDecimals };
    return scaledNumericColumn(fields, scaled);
  });
  return { ...frame, columns };
}

/**
 * The buffers of a {@link frameMessage}'s typed arrays, to be transferred (moved, not copied) with it:
 * each column's values, codes or scaled integers own their buffer (the builders allocate one per column).
 */
export function frameBuffers(frame: ReadFrame): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (value: unknown) => {
    if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) out.add(value.buffer);
  };
  for (const column of frame.columns) {
    for (const value of Object.values(column)) add(value);
    if (column.kind === 'numeric' && column.scaled !== undefined) add(column.scaled.ints);
  }
  return [...out];
}

export function describeFailure(error: unknown): ReadFileFailure {
  if (error instanceof InputError) {
    return { name: error.name, message: error.message, code: error.code, ...(error.location ? { location: error.location } : {}) };
  }
  if (error instanceof DriftwatchError) return { name: error.name, message: error.message, code: error.code };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** The error a {@link ReadFileFailure} describes: input errors keep their code and location (the CLI's exit status and message). */
export function reviveFailure(failure: ReadFileFailure): Error {
  const code = (errorCodes as readonly string[]).includes(failure.code ?? '') ? (failure.code as ErrorCode) : undefined;
  if (code?.startsWith('INPUT_')) return new InputError(code, failure.message, failure.location ? { location: failure.location } : {});
  if (code !== undefined) return new DriftwatchError(code, failure.message);
  const error = new Error(failure.message);
  error.name = failure.name;
  return error;
}
