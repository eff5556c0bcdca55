import type { ColumnSpec } from '@driftwatch/core';
import { defaultMaxCategories } from '../DataReadOptions.js';
import { inputError } from '../errors/inputError.js';
import { CategoricalBuilder } from './CategoricalBuilder.js';
import type { ColumnBuilder } from './ColumnBuilder.js';
import { DatetimeBuilder } from './DatetimeBuilder.js';
import { EmbeddingBuilder } from './EmbeddingBuilder.js';
import { NumericBuilder } from './NumericBuilder.js';
import { TextBuilder } from './TextBuilder.js';

/**
 * The builder for one column of `file`, or `undefined` for a column whose
 * role is `ignored` (readers skip it and leave it out of the frame).
 */
export function createBuilder(
  file: string,
  spec: ColumnSpec,
  fieldNumber: number,
  maxInvalidSamples: number,
  maxCategories: number = defaultMaxCategories,
): ColumnBuilder | undefined {
  if (spec.role === 'ignored') return undefined;
  switch (spec.kind) {
    case 'numeric':
      return new NumericBuilder(spec.name, fieldNumber, maxInvalidSamples);
    case 'categorical':
    case 'boolean':
      return new CategoricalBuilder(spec.name, fieldNumber, maxInvalidSamples, spec.kind, { file, maxCategories });
    case 'datetime':
      return new DatetimeBuilder(spec.name, fieldNumber, maxInvalidSamples);
    case 'text':
      return new TextBuilder(spec.name, fieldNumber, maxInvalidSamples);
    case 'embedding':
      return new EmbeddingBuilder(spec.name, fieldNumber, maxInvalidSamples, file);
    default:
      throw inputError(
        'INPUT_BAD_SCHEMA',
        { file, field: spec.name },
        `column "${spec.name}": kind "${spec.kind}" cannot be read from this file (readable kinds: numeric, categorical, boolean, datetime, text, embedding)`,
      );
  }
}
