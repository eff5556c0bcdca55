/**
 * How Driftwatch's JSON outputs (the CLI's `--format json`, run records in the store, the data block
 * of HTML reports) hold the numbers JSON cannot: `NaN`, `Infinity` and `-Infinity` are written as
 * the strings `"NaN"`, `"Infinity"` and `"-Infinity"` (a chi-squared statistic is infinite when the
 * current data has a category the reference lacks), so every output parses. `JSON.stringify`
 * alone would write `null`, and lose which one it was.
 */
export function encodeNonFinite(value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

const decoded: Readonly<Record<string, number>> = Object.freeze({
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
});

/**
 * The number an {@link encodeNonFinite} string stands for (`"Infinity"` is `Infinity`), any other
 * value as it is. Use it in a reviver only for fields that hold numbers: a label may be "NaN".
 */
export function decodeNonFinite(value: unknown): unknown {
  return typeof value === 'string' && Object.hasOwn(decoded, value) ? decoded[value] : value;
}
