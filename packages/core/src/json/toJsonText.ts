import { encodeNonFinite } from './nonFiniteNumbers.js';

/** How {@link toJsonText} writes. */
export interface JsonTextOptions {
  /** Indentation, as `JSON.stringify`'s `space`. Default none. */
  readonly space?: number;
  /**
   * Non-finite numbers inside arrays become `null`, gaps of a series, instead of strings (the chart
   * values of a report). Default false: strings everywhere.
   */
  readonly nullGapsInArrays?: boolean;
}

/**
 * JSON text of a result, non-finite numbers written as {@link encodeNonFinite} says (strings):
 * the one encoder of every JSON output.
 */
export function toJsonText(value: unknown, options: JsonTextOptions = {}): string {
  const replacer = options.nullGapsInArrays
    ? function (this: unknown, _key: string, v: unknown): unknown {
        return Array.isArray(this) && typeof v === 'number' && !Number.isFinite(v) ? null : encodeNonFinite(v);
      }
    : (_key: string, v: unknown): unknown => encodeNonFinite(v);
  return JSON.stringify(value, replacer, options.space);
}
