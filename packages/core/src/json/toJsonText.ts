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
  // The replacer (a call per key and per array element) is most of the time of a large result; on
  // plain data without a non-finite number it returns every value as it is, so leave it out.
  if (isFinitePlainData(value, 0)) return JSON.stringify(value, undefined, options.space);
  const replacer = options.nullGapsInArrays
    ? function (this: unknown, _key: string, v: unknown): unknown {
        return Array.isArray(this) && typeof v === 'number' && !Number.isFinite(v) ? null : encodeNonFinite(v);
      }
    : (_key: string, v: unknown): unknown => encodeNonFinite(v);
  return JSON.stringify(value, replacer, options.space);
}

/** Nesting followed by {@link isFinitePlainData} before it gives up (a cycle, or very deep data). */
const maxPlainDepth = 64;

/**
 * Whether `value` is plain data in which `JSON.stringify` meets no non-finite number: strings,
 * booleans, null, undefined, finite numbers, and arrays and plain objects (prototype
 * `Object.prototype` or null, no `toJSON`, data properties only) of such values. Anything else
 * (a `toJSON`, a class instance, a getter, a non-finite number, nesting deeper than
 * {@link maxPlainDepth}) answers false, and {@link toJsonText} uses its replacer.
 */
function isFinitePlainData(value: unknown, depth: number): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string' || typeof value === 'boolean' || value === undefined || value === null) return true;
  if (typeof value !== 'object' || depth >= maxPlainDepth || 'toJSON' in value) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isFinitePlainData(value[i], depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key of Object.keys(value)) {
    const property = Object.getOwnPropertyDescriptor(value, key);
    if (property === undefined || !('value' in property) || !isFinitePlainData(property.value, depth + 1)) return false;
  }
  return true;
}
