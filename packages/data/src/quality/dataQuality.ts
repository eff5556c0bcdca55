import type { ColumnQuality, Frame } from '@driftwatch/core';
import { QualityBaseline } from './QualityBaseline.js';

/**
 * The data quality of every column of `current` against `reference`:
 * missing values, categories the reference never takes, values outside the
 * reference's range, and unreadable values. `columns` defaults to the
 * columns both frames have; a named column absent from either is an
 * `InputError` naming the file. Order of rows changes nothing.
 */
export function dataQuality(reference: Frame, current: Frame, columns?: readonly string[]): ColumnQuality[] {
  return new QualityBaseline(reference, current, columns).measure();
}
